namespace MotCua.Web.Platform.Signing;

/// <summary>Why a signature could not be made; each value has a Vietnamese text for the officer (resource key <c>SigningFailure.Value</c>).</summary>
internal enum SigningFailure
{
    NoCertificate,
    CertificateUnreadable,
    CertificateNotValidNow,
    SignerUnavailable,
}

/// <summary>A signature that could not be made. The caller leaves its data as it was and tells the person <see cref="Failure"/>.</summary>
internal sealed class SigningException(SigningFailure failure, string message, Exception? inner = null) : Exception(message, inner)
{
    public SigningFailure Failure { get; } = failure;
}
