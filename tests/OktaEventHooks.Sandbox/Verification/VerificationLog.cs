using System.Text.Json.Nodes;
using OktaEventHooks.Sandbox.Infrastructure;

namespace OktaEventHooks.Sandbox.Verification;

/// <summary>
/// One verification call and how it ended, with the reason a real org keeps to itself (its API answer says only
/// that the hook's execution failed). <see cref="Reason"/> is null when the hook was verified.
/// </summary>
internal sealed record VerificationRecord(DateTimeOffset Time, string HookId, string HookName, string Uri, bool Verified, int Attempts, string? Reason)
{
    public JsonObject ToJson() => new()
    {
        ["time"] = OktaTime.Format(Time),
        ["hookId"] = HookId,
        ["hookName"] = HookName,
        ["uri"] = Uri,
        ["verified"] = Verified,
        ["attempts"] = Attempts,
        ["reason"] = Reason,
    };
}

/// <summary>Every verification since start or the last reset, oldest first (<c>GET /sandbox/verifications</c>).</summary>
internal sealed class VerificationLog
{
    private readonly Lock _gate = new();
    private readonly List<VerificationRecord> _entries = [];

    public void Add(VerificationRecord record)
    {
        lock (_gate)
        {
            _entries.Add(record);
        }
    }

    public IReadOnlyList<VerificationRecord> Snapshot()
    {
        lock (_gate)
        {
            return _entries.ToList();
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }
}
