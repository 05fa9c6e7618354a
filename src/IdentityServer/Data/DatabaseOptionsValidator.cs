using Microsoft.Extensions.Options;

namespace Sso.IdentityServer.Data;

/// <summary>Each provider needs its own setting; a missing one is named at start, not at the first query.</summary>
public sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options) => options.Provider switch
    {
        DatabaseProvider.Sqlite when !Enum.IsDefined(options.SqliteSynchronous) =>
            ValidateOptionsResult.Fail($"{DatabaseOptions.Section}:{nameof(DatabaseOptions.SqliteSynchronous)} must be {SqliteSynchronous.Normal} or {SqliteSynchronous.Full}."),
        DatabaseProvider.Sqlite when string.IsNullOrWhiteSpace(options.SqlitePath) =>
            ValidateOptionsResult.Fail($"{DatabaseOptions.Section}:{nameof(DatabaseOptions.SqlitePath)} is required when {DatabaseOptions.Section}:{nameof(DatabaseOptions.Provider)} is {DatabaseProvider.Sqlite}."),
        DatabaseProvider.Sqlite when options.SqliteLockTimeout < TimeSpan.FromSeconds(1) || options.SqliteLockTimeout > TimeSpan.FromMinutes(5) =>
            ValidateOptionsResult.Fail($"{DatabaseOptions.Section}:{nameof(DatabaseOptions.SqliteLockTimeout)} must be between 1 second and 5 minutes."),
        DatabaseProvider.PostgreSql when string.IsNullOrWhiteSpace(options.ConnectionString) =>
            ValidateOptionsResult.Fail($"{DatabaseOptions.Section}:{nameof(DatabaseOptions.ConnectionString)} is required when {DatabaseOptions.Section}:{nameof(DatabaseOptions.Provider)} is {DatabaseProvider.PostgreSql}."),
        DatabaseProvider.Sqlite or DatabaseProvider.PostgreSql => ValidateOptionsResult.Success,
        _ => ValidateOptionsResult.Fail($"{DatabaseOptions.Section}:{nameof(DatabaseOptions.Provider)} must be {DatabaseProvider.Sqlite} or {DatabaseProvider.PostgreSql}."),
    };
}
