using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace MotCua.Web.Platform.Observability;

/// <summary>
/// Collects the built-in meters (ASP.NET Core hosting, Kestrel, MotCua's own) with a
/// <see cref="MeterListener"/> and renders them in the Prometheus text format at <c>/metrics</c>.
/// OpenTelemetry exporters are not served here (TOOLCHAIN.md), and this is all a scraper needs.
/// </summary>
internal sealed class MetricsCollector : IDisposable
{
    private static readonly HashSet<string> Meters =
        [MotCuaMeter.Name, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.RateLimiting"];

    private readonly MeterListener _listener = new();

    // Keyed by the instrument's name (several hosts in one process publish instruments of the same name) and the values of the low-cardinality tags, so that a measurement (several per request) builds
    // no string: the series' name and labels are made once, when the series is first seen.
    private readonly ConcurrentDictionary<(string Name, object? Route, object? Method, object? Status, object? Error), Series> _series = new();

    public MetricsCollector()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (Meters.Contains(instrument.Meter.Name))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Record(i, value, tags));
        _listener.SetMeasurementEventCallback<int>((i, value, tags, _) => Record(i, value, tags));
        _listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Record(i, value, tags));
        _listener.Start();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        // Only low-cardinality tags: routes and status codes, never paths with identifiers.
        object? route = null, method = null, status = null, error = null;
        foreach (var tag in tags)
        {
            switch (tag.Key)
            {
                case "http.route":
                    route = tag.Value;
                    break;
                case "http.request.method":
                    method = tag.Value;
                    break;
                case "http.response.status_code":
                    status = tag.Value;
                    break;
                case "error.type":
                    error = tag.Value;
                    break;
            }
        }

        _series.GetOrAdd((instrument.Name, route, method, status, error), static (key, histogram) => NewSeries(key, histogram),
            instrument is Histogram<double> or Histogram<long> or Histogram<int>).Add(value);
    }

    private static Series NewSeries((string Name, object? Route, object? Method, object? Status, object? Error) key, bool isHistogram)
    {
        var labels = new StringBuilder();
        foreach (var (name, value) in new[] { ("http.route", key.Route), ("http.request.method", key.Method), ("http.response.status_code", key.Status), ("error.type", key.Error) })
        {
            if (value is not null)
            {
                labels.Append(labels.Length == 0 ? "" : ",")
                    .Append(Sanitize(name)).Append("=\"")
                    .Append(Convert.ToString(value, CultureInfo.InvariantCulture)?.Replace("\"", "'", StringComparison.Ordinal))
                    .Append('"');
            }
        }

        return new Series(Sanitize(key.Name), labels.ToString(), isHistogram);
    }

    public string Render()
    {
        var text = new StringBuilder();
        foreach (var group in _series.Values.GroupBy(s => s.Name).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var histogram = group.First().IsHistogram;
            text.Append("# TYPE ").Append(group.Key).Append(histogram ? " summary\n" : " counter\n");
            foreach (var s in group)
            {
                var braces = s.Labels.Length == 0 ? "" : "{" + s.Labels + "}";
                if (histogram)
                {
                    text.Append(CultureInfo.InvariantCulture, $"{group.Key}_count{braces} {s.Count}\n");
                    text.Append(CultureInfo.InvariantCulture, $"{group.Key}_sum{braces} {s.Sum}\n");
                }
                else
                {
                    text.Append(CultureInfo.InvariantCulture, $"{group.Key}_total{braces} {s.Sum}\n");
                }
            }
        }

        return text.ToString();
    }

    private static string Sanitize(string name) => name.Replace('.', '_').Replace('-', '_');

    public void Dispose() => _listener.Dispose();

    private sealed class Series(string name, string labels, bool isHistogram)
    {
        private readonly Lock _gate = new();

        public string Name { get; } = name;
        public string Labels { get; } = labels;
        public bool IsHistogram { get; } = isHistogram;
        public long Count { get; private set; }
        public double Sum { get; private set; }

        public void Add(double value)
        {
            lock (_gate)
            {
                Count++;
                Sum += value;
            }
        }
    }
}
