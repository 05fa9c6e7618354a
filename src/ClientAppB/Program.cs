using Sso.ClientAppB.Billing;
using Sso.ClientAppB.Payments;
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

// "Billing": signs people in at the identity server, serves the Billing API (audience
// "billing-api": invoices checked locally, payments also by introspection), shows the person's
// orders from the Orders app's API, and asks for a recent sign-in before showing payments.
var builder = WebApplication.CreateBuilder(args);

builder.AddSsoTelemetry("sso-billing");

builder.Services.AddSsoDataProtection(applicationName: "Sso.ClientAppB");
builder.Services.AddSsoSignIn();
builder.Services.AddSsoSessions();
builder.Services.AddSsoBackChannelLogout();
builder.Services.AddSsoProtectedApi();
builder.Services.AddSsoTokenIntrospection();
builder.Services.AddSsoDownstreamApi();
builder.Services.AddPayments();
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
app.MapInvoicesApi();
app.MapPaymentsApi();
app.MapHealthChecks(SsoPaths.Health);
app.MapRazorPages();

app.Run();
