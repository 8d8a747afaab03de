namespace CipnCare.Web.Features.Smart;

/// <summary>
/// A private key of the authorization server (signing tokens, or encrypting access tokens), kept in the database
/// protected by Data Protection so every instance signs with the same key and tokens outlive a restart.
/// </summary>
public sealed class ServerKey
{
    public int Id { get; set; }

    /// <summary><see cref="ServerKeys.Signing"/> or <see cref="ServerKeys.Encryption"/>: one key each.</summary>
    public string Purpose { get; set; } = "";

    /// <summary>The RSA key as PKCS#8 PEM, protected with Data Protection.</summary>
    public string ProtectedKey { get; set; } = "";

    public DateTime CreatedAt { get; set; }
}
