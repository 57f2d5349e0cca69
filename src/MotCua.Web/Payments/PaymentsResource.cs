namespace MotCua.Web;

/// <summary>Marker for the texts of the payment pages in Resources/PaymentsResource(.en).resx.</summary>
internal sealed class PaymentsResource;
