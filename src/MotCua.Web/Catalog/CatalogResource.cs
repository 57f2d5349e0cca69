namespace MotCua.Web;

/// <summary>Marker for the catalog's and the public portal's texts in Resources/CatalogResource(.en).resx.</summary>
internal sealed class CatalogResource;
