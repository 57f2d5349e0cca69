namespace MotCua.Web;

/// <summary>Marker for the texts of national identity sign-in and data reuse in Resources/CitizenIdentityResource(.en).resx.</summary>
internal sealed class CitizenIdentityResource;
