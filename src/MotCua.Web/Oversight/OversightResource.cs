namespace MotCua.Web;

/// <summary>Marker for the texts of the oversight module (Decision 766 rankings, staff performance, reform index, inspections) in
/// Resources/OversightResource(.en).resx.</summary>
internal sealed class OversightResource;
