namespace OktaEventHooks.Sandbox.OAuth;

/// <summary>
/// The <c>jti</c> values already accepted, each kept until the JWT carrying it could no longer pass its time
/// checks anyway; after that a replay is refused for being too old, so the entry can go.
/// </summary>
internal sealed class JtiReplayCache
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);

    /// <summary>Records the jti; false when it was seen before (a replay).</summary>
    public bool TryUse(string jti, DateTimeOffset keepUntil, DateTimeOffset now)
    {
        lock (_gate)
        {
            foreach (var stale in _seen.Where(s => s.Value < now).Select(s => s.Key).ToList())
            {
                _seen.Remove(stale);
            }

            return _seen.TryAdd(jti, keepUntil);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _seen.Clear();
        }
    }
}
