using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Sso.IdentityServer.Data;

/// <summary>
/// Stores an instant as Unix milliseconds. SQLite keeps DateTimeOffset as text, which EF Core cannot
/// compare or sort in SQL; the session, delivery and audit queries filter and order by time.
/// </summary>
public sealed class UnixTimeConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.ToUnixTimeMilliseconds(),
    value => DateTimeOffset.FromUnixTimeMilliseconds(value));
