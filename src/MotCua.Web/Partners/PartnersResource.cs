namespace MotCua.Web;

/// <summary>Marker for the partner access texts in Resources/PartnersResource(.en).resx.</summary>
internal sealed class PartnersResource;
