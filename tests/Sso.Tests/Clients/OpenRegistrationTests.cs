using System.Net;
using Sso.IdentityServer.Clients;
using Sso.IdentityServer.Clients.DynamicRegistration;
using Xunit;

namespace Sso.Tests.Clients;

/// <summary>Registration:AllowOpenRegistration lets apps register without an initial access token; the policy still holds.</summary>
public sealed class OpenRegistrationTests(OpenRegistrationTests.OpenRegistrationSystem system) : IClassFixture<OpenRegistrationTests.OpenRegistrationSystem>
{
    [Fact]
    public async Task WithOpenRegistration_AnAppRegistersWithoutAToken_UnderTheSamePolicy()
    {
        using var registration = new RegistrationClient(system.Issuer);

        var registered = await registration.RegisterAsync(new { redirect_uris = (string[])["https://tool.example.com/cb"] }, null);
        var service = await registration.RegisterAsync(new { grant_types = (string[])["client_credentials"] }, null);

        Assert.Equal(HttpStatusCode.Created, registered.Status);
        Assert.NotNull(registered.Text("client_secret"));
        Assert.Equal("invalid_client_metadata", service.Error);
    }

    [Fact]
    public void TheAdminScope_CanNeverBeOpenedToSelfRegisteredClients()
    {
        var options = new RegistrationOptions { AllowedScopes = ["openid", AdminScope.Name] };

        var results = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).ToList();

        Assert.Contains(results, result => result.ErrorMessage!.Contains("Registration:AllowedScopes", StringComparison.Ordinal));
    }

    public sealed class OpenRegistrationSystem : ClientsSystem
    {
        protected override void ConfigureServer(IDictionary<string, string?> settings)
        {
            base.ConfigureServer(settings);
            settings["Registration:AllowOpenRegistration"] = "true";
        }
    }
}
