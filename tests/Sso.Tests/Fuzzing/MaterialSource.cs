namespace Sso.Tests.Fuzzing;

/// <summary>
/// The fuzz cases' current credentials. Cases may sign the person out, end their sessions or spend
/// their refresh token (that is the point), so the material is gathered afresh now and then; when
/// that fails (the person locked out or throttled by the very run), the old material stays.
/// </summary>
public sealed class MaterialSource(FuzzSystem system, FuzzMaterial first)
{
    private FuzzMaterial _current = first;

    public FuzzMaterial Current => Volatile.Read(ref _current);

    public int Refreshes { get; private set; }

    public int FailedRefreshes { get; private set; }

    public async Task RefreshEveryAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, cancellationToken);
                Volatile.Write(ref _current, await FuzzMaterial.GatherAsync(system));
                Refreshes++;
            }
            catch (OperationCanceledException)
            {
                return;
            }
#pragma warning disable CA1031 // any failure to sign in again just leaves the old material in use
            catch (Exception)
#pragma warning restore CA1031
            {
                FailedRefreshes++;
            }
        }
    }
}
