namespace MotCua.Web;

/// <summary>Marker for the user-facing texts in Resources/SharedResource(.en).resx. Vietnamese is the
/// neutral language; English is the second.</summary>
internal sealed class SharedResource;
