namespace Sso.RelyingParty.DownstreamApi;

/// <summary>The other app's API this app calls on the person's behalf. Bound from "DownstreamApi".</summary>
public sealed class DownstreamApiOptions
{
    public const string SectionName = "DownstreamApi";

    /// <summary>Display name of the other app, e.g. "Billing".</summary>
    public string Name { get; set; } = "";

    /// <summary>Base URL of the other app, e.g. "http://localhost:5002".</summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>Path of the API resource, e.g. "/api/invoices".</summary>
    public string Path { get; set; } = "";

    /// <summary>How long to wait for the other app before showing an error.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
