namespace MotCua.Web;

/// <summary>Marker for the texts of the ratings and feedback pages in Resources/CitizenVoiceResource(.en).resx.</summary>
internal sealed class CitizenVoiceResource;
