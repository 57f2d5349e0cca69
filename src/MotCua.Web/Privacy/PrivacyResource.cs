namespace MotCua.Web;

/// <summary>Marker for the personal-data pages' texts in Resources/PrivacyResource(.en).resx.</summary>
internal sealed class PrivacyResource;
