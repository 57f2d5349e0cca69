using System.Diagnostics.Metrics;

namespace MotCua.Web.Platform.Observability;

internal static class MotCuaMeter
{
    public const string Name = "MotCua";

    public static readonly Meter Instance = new(Name);
}
