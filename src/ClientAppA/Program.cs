using Sso.ClientAppA.Orders;
using Sso.RelyingParty.DataProtection;
using Sso.RelyingParty.DownstreamApi;
using Sso.RelyingParty.Observability;
using Sso.RelyingParty.ProtectedApi;
using Sso.Hardening;
using Sso.Observability;
using Sso.RelyingParty.RequestValidation;
using Sso.RelyingParty.SecurityHeaders;
using Sso.RelyingParty.Sessions;
using Sso.RelyingParty.SignIn;
using Sso.RelyingParty.SingleSignOut;

// "Orders": signs people in at the identity server, serves the Orders API (audience
// "orders-api") and shows the person's invoices from the Billing app's API.
var builder = WebApplication.CreateBuilder(args);

builder.AddSsoTelemetry("sso-orders");

builder.Services.AddSsoDataProtection(applicationName: "Sso.ClientAppA");
builder.Services.AddSsoSignIn();
builder.Services.AddSsoSessions();
builder.Services.AddSsoBackChannelLogout();
builder.Services.AddSsoProtectedApi();
builder.Services.AddSsoDownstreamApi();
builder.Services.AddHealthChecks();
builder.Services.AddSsoPages();
builder.Services.AddSsoRequestLimits();

var app = builder.Build();

app.UseExceptionHandler(SsoPaths.Error);
app.UseSsoSecurityHeaders();
app.UseSsoUnreadableFormGuard();
app.UseStaticFiles();
app.UseSsoSignInTrace();
app.UseAuthentication();
app.UseAuthorization();

app.MapSsoAccountEndpoints();
app.MapSsoBackChannelLogout();
app.MapOrdersApi();
app.MapHealthChecks(SsoPaths.Health);
app.MapRazorPages();

app.Run();
