namespace Sso.IdentityServer.BackChannelLogout;

/// <summary>
/// Wakes the sender as soon as a logout notice is queued, so apps hear of a sign-out within
/// moments rather than at the next poll. Notices queued by another instance are found by polling.
/// </summary>
public sealed class BackChannelLogoutSignal : IDisposable
{
    private readonly SemaphoreSlim _pending = new(0, 1);

    public void Notify()
    {
        try
        {
            _pending.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: the sender will pick up every pending notice in one go.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _pending.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _pending.Dispose();
}
