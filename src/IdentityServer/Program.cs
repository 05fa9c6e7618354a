using Sso.IdentityServer.Accounts;
using Sso.IdentityServer.Admin;
using Sso.IdentityServer.Audit;
using Sso.IdentityServer.BackChannelLogout;
using Sso.IdentityServer.Clients;
using Sso.IdentityServer.Cluster;
using Sso.IdentityServer.CommandLine;
using Sso.IdentityServer.Data;
using Sso.IdentityServer.Hosting;
using Sso.IdentityServer.Keys;
using Sso.IdentityServer.MyAccount;
using Sso.IdentityServer.Observability;
using Sso.IdentityServer.Protocol;
using Sso.IdentityServer.Resilience;
using Sso.IdentityServer.Seeding;
using Sso.IdentityServer.Sessions;
using Sso.IdentityServer.Throttling;

if (ServerCommandLine.IsCommand(args))
{
    return await ServerCommandLine.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddObservability();
builder.Services
    .AddWebHost()
    .AddSsoDatabase()
    .AddResilience()
    .AddCluster()
    .AddAccounts()
    .AddMyAccount()
    .AddAdmin()
    .AddSessions()
    .AddBackChannelLogout()
    .AddAudit()
    .AddServerKeys()
    .AddProtocol()
    .AddClients()
    .AddThrottling()
    .AddSeeding();

var app = builder.Build();
await app.Services.MigrateDatabaseAsync();
await app.Services.GetRequiredService<ServerKeyRing>().ReloadAsync();
await app.Services.SeedFromConfigurationAsync();

app.UseCluster();
app.UseObservability();
app.UseWebHost();
app.MapProtocolEndpoints();
app.MapClients();
await app.RunAsync();
return 0;
