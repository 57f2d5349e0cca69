namespace MotCua.Tests.Infrastructure;

/// <summary>Real time plus an offset that a test can move forward (idle timeouts, due dates).</summary>
public sealed class TestClock : TimeProvider
{
    private TimeSpan _offset;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _offset;

    public void Advance(TimeSpan by) => _offset += by;

    /// <summary>Moves the clock to a given moment; it keeps ticking from there.</summary>
    public void SetNow(DateTimeOffset moment) => _offset = moment - base.GetUtcNow();

    public void Reset() => _offset = TimeSpan.Zero;
}
