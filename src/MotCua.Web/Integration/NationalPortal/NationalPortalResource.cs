namespace MotCua.Web;

/// <summary>Marker for the texts of the national portal sync page in Resources/NationalPortalResource(.en).resx.</summary>
internal sealed class NationalPortalResource;
