namespace MotCua.Web.Platform.Signing;

/// <summary>Unit certificates and the signer. Another <see cref="IDataSigner"/> registered after this one (an HSM, a remote service) takes its place.</summary>
internal static class SigningRegistration
{
    public static WebApplicationBuilder AddSigning(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IUnitCertificates, Pkcs12UnitCertificates>();
        builder.Services.AddSingleton<IDataSigner, CmsDataSigner>();
        return builder;
    }
}
