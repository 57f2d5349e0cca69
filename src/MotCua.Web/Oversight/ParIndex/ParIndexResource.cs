namespace MotCua.Web;

/// <summary>Marker for the texts of the reform index (Chỉ số CCHC) in Resources/ParIndexResource(.en).resx.</summary>
internal sealed class ParIndexResource;
