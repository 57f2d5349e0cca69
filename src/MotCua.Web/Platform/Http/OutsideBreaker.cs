using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace MotCua.Web.Platform.Http;

/// <summary>How the circuit breakers in front of outside systems behave (<c>MotCua:Breakers</c>): one opens when every call of its
/// sampling window failed, at least <see cref="MinimumCalls"/> of them, and then holds calls back for <see cref="BreakFor"/>.</summary>
internal sealed class BreakerOptions
{
    public const string Section = "MotCua:Breakers";

    public int MinimumCalls { get; set; } = 10;
    public TimeSpan SamplingWindow { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan BreakFor { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// The circuit breaker in front of one outside system, named by the client that calls it and shared by every call of this process.
/// While it is open a call fails at once with <see cref="BrokenCircuitException"/> instead of waiting for a system that is down: the
/// officer's page answers at once, and the outbox gives a held-back message its attempt back. What counts as a failure is the
/// system's silence (a connection refused or cut, a time-out, an error status the caller turned into an exception), not a refusal
/// it answered. It keeps real time, whatever clock the application runs on.
/// </summary>
internal sealed class OutsideBreaker<TClient>(IOptions<BreakerOptions> options)
{
    public ResiliencePipeline Pipeline { get; } = new ResiliencePipelineBuilder()
        .AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            FailureRatio = 1.0,
            MinimumThroughput = options.Value.MinimumCalls,
            SamplingDuration = options.Value.SamplingWindow,
            BreakDuration = options.Value.BreakFor,
            ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>().Handle<TimeoutRejectedException>().Handle<TimeoutException>()
                .Handle<IOException>().Handle<SocketException>(),
        })
        .Build();
}
