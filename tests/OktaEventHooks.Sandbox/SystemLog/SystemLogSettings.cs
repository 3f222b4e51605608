using System.Text.Json.Nodes;
using OktaEventHooks.Sandbox.Admin;
using OktaEventHooks.Sandbox.RateLimiting;

namespace OktaEventHooks.Sandbox.SystemLog;

/// <summary>
/// Test switches of <c>GET /api/v1/logs</c>: <see cref="ApiTokenMayRead"/> false plays an API token whose admin has no
/// role that may view the System Log (403); <see cref="AlwaysNextLink"/> answers a bounded query like a polling one, with
/// a <c>next</c> link on every page, even an empty one (the polling trap); <see cref="NextLinkBase"/> writes
/// the links with another origin, to prove a client does not follow them there.
/// </summary>
internal sealed record SystemLogBehaviour(bool ApiTokenMayRead = true, bool AlwaysNextLink = false, string? NextLinkBase = null)
{
    public JsonObject ToJson() => new()
    {
        ["apiTokenMayRead"] = ApiTokenMayRead,
        ["alwaysNextLink"] = AlwaysNextLink,
        ["nextLinkBase"] = NextLinkBase,
    };

    /// <summary>Applies any subset of the fields; unknown fields and wrong types are refused.</summary>
    public (SystemLogBehaviour? Behaviour, string? Problem) With(JsonObject changes)
    {
        var result = this;
        foreach (var (name, value) in changes)
        {
            switch (name)
            {
                case "apiTokenMayRead" when AdminJson.TryGetBool(value, out var mayRead):
                    result = result with { ApiTokenMayRead = mayRead };
                    break;
                case "alwaysNextLink" when AdminJson.TryGetBool(value, out var always):
                    result = result with { AlwaysNextLink = always };
                    break;
                case "nextLinkBase" when value is null:
                    result = result with { NextLinkBase = null };
                    break;
                case "nextLinkBase" when AdminJson.TryGetString(value, out var linkBase) && Uri.TryCreate(linkBase, UriKind.Absolute, out _):
                    result = result with { NextLinkBase = linkBase.TrimEnd('/') };
                    break;
                case "apiTokenMayRead" or "alwaysNextLink":
                    return (null, $"'{name}' must be true or false.");
                case "nextLinkBase":
                    return (null, "'nextLinkBase' must be an absolute URL such as http://localhost:5000, or null.");
                default:
                    return (null, $"Unknown field '{name}'; expected apiTokenMayRead, alwaysNextLink or nextLinkBase.");
            }
        }

        return (result, null);
    }
}

/// <summary>
/// The System Log's own rate-limit bucket (Okta counts <c>/api/v1/logs</c> apart from <c>/api/v1/eventHooks</c>) and
/// the test switches, both back to their start-up values on <c>POST /sandbox/reset</c>.
/// </summary>
internal sealed class SystemLogSettings
{
    /// <summary>The sandbox's default (OktaAssumptions A20); Okta's size differs by org and plan.</summary>
    public static readonly RateLimitSettings DefaultRateLimit = new(OktaAssumptions.SystemLogRequestsPerMinute, 60, 0);

    private readonly Lock _gate = new();
    private SystemLogBehaviour _behaviour = new();

    public RateLimitBucket Bucket { get; } = new(DefaultRateLimit);

    public SystemLogBehaviour Behaviour
    {
        get
        {
            lock (_gate)
            {
                return _behaviour;
            }
        }

        set
        {
            lock (_gate)
            {
                _behaviour = value;
            }
        }
    }

    public void Reset()
    {
        Behaviour = new SystemLogBehaviour();
        Bucket.Reset();
    }
}
