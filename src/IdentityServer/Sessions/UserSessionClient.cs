using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sso.IdentityServer.Data;

namespace Sso.IdentityServer.Sessions;

/// <summary>
/// An app that was issued tokens through a session, and the OpenIddict authorization behind those
/// tokens: when the session ends, the app gets a back-channel logout and the authorization (with
/// its refresh tokens) is revoked.
/// </summary>
public sealed class UserSessionClient
{
    public long Id { get; init; }

    public required string SessionId { get; init; }

    public required string ClientId { get; init; }

    public required string AuthorizationId { get; init; }

    public required DateTimeOffset SignedInAt { get; init; }
}

internal sealed class UserSessionClientConfiguration : IEntityTypeConfiguration<UserSessionClient>
{
    public void Configure(EntityTypeBuilder<UserSessionClient> builder)
    {
        builder.ToTable("UserSessionClients");
        builder.HasKey(client => client.Id);
        builder.Property(client => client.SessionId).HasMaxLength(64);
        builder.Property(client => client.ClientId).HasMaxLength(100);
        builder.Property(client => client.AuthorizationId).HasMaxLength(100);
        builder.Property(client => client.SignedInAt).HasConversion<UnixTimeConverter>();
        builder.HasIndex(client => client.SessionId);
    }
}
