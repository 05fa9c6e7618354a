using System.Net;

namespace Sso.RelyingParty.DownstreamApi;

/// <summary>
/// The other app's answer, for display. Never an exception: the page shows what happened.
/// </summary>
/// <param name="StatusCode">HTTP status, or null when no response arrived.</param>
/// <param name="Body">Response body (JSON indented for reading), if any.</param>
/// <param name="Error">What went wrong, or null on success.</param>
public sealed record DownstreamApiResult(HttpStatusCode? StatusCode, string? Body, string? Error)
{
    public bool IsSuccess => Error is null;
}
