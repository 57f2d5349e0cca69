namespace MotCua.Web;

/// <summary>Marker for the history page's texts in Resources/HistoryResource(.en).resx: roles, actions and the fields an entry changes.</summary>
internal sealed class HistoryResource;
