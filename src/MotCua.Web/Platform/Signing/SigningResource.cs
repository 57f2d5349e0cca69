namespace MotCua.Web;

/// <summary>Marker for the signing texts in Resources/SigningResource(.en).resx (Vietnamese first).</summary>
internal sealed class SigningResource;
