using System.Security.Cryptography;
using CipnCare.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;

namespace CipnCare.Web.Features.Smart;

/// <summary>
/// Gives the authorization server its signing and encryption keys from the database (<see cref="ServerKey"/>), made on
/// first use. Loaded when OpenIddict first reads its options, after start-up has migrated the database.
/// </summary>
public sealed class ServerKeys(IServiceScopeFactory scopes, IDataProtectionProvider protection, TimeProvider clock) : IConfigureOptions<OpenIddictServerOptions>
{
    public const string Signing = "signing";
    public const string Encryption = "encryption";

    private readonly IDataProtector _protector = protection.CreateProtector("CipnCare.Smart.ServerKeys");

    public void Configure(OpenIddictServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var signing = Load(Signing);
        options.SigningCredentials.Add(new SigningCredentials(signing, SecurityAlgorithms.RsaSha256));
        var encryption = Load(Encryption);
        options.EncryptionCredentials.Add(new EncryptingCredentials(encryption, SecurityAlgorithms.RsaOAEP, SecurityAlgorithms.Aes256CbcHmacSha512));
    }

    private RsaSecurityKey Load(string purpose)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CipnDbContext>();
        var stored = db.ServerKeys.AsNoTracking().Where(k => k.Purpose == purpose).Select(k => k.ProtectedKey).FirstOrDefault();
        if (stored is null)
        {
            using var created = RSA.Create(2048);
            db.ServerKeys.Add(new ServerKey { Purpose = purpose, ProtectedKey = _protector.Protect(created.ExportPkcs8PrivateKeyPem()), CreatedAt = clock.GetUtcNow().UtcDateTime });
            try
            {
                db.SaveChanges();
            }
            catch (DbUpdateException)
            {
                // Another instance made it first: use theirs.
            }

            stored = db.ServerKeys.AsNoTracking().Where(k => k.Purpose == purpose).Select(k => k.ProtectedKey).First();
        }

        var rsa = RSA.Create();
        rsa.ImportFromPem(_protector.Unprotect(stored));
        return new RsaSecurityKey(rsa) { KeyId = $"{purpose}-{Convert.ToHexStringLower(SHA256.HashData(rsa.ExportSubjectPublicKeyInfo()))[..16]}" };
    }
}
