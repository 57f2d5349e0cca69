namespace MotCua.Web;

/// <summary>Marker for the calendar module's texts in Resources/CalendarResource(.en).resx; Vietnamese is the neutral language.</summary>
internal sealed class CalendarResource;
