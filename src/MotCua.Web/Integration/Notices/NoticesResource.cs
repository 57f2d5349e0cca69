namespace MotCua.Web;

/// <summary>Marker for the texts of the notice pages in Resources/NoticesResource(.en).resx.</summary>
internal sealed class NoticesResource;
