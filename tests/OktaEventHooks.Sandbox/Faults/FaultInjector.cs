using System.Text.Json.Nodes;

namespace OktaEventHooks.Sandbox.Faults;

/// <summary>
/// The active fault rules, consulted once for every admitted /api/v1 request. Rules are tried in the
/// order they were added; the first whose filters match and which fires wins, and later rules are not
/// consulted (so a share rule's seeded draws depend only on the requests that reach it).
/// </summary>
internal sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private readonly List<ActiveRule> _rules = [];
    private long _nextId;

    public JsonObject Add(FaultSpec spec)
    {
        lock (_gate)
        {
            var rule = new ActiveRule(++_nextId, spec);
            _rules.Add(rule);
            return rule.ToJson();
        }
    }

    /// <summary>The fault to apply to this request, or null to answer it normally.</summary>
    public FaultSpec? Select(string method, string path)
    {
        lock (_gate)
        {
            foreach (var rule in _rules)
            {
                if (rule.Spec.Matches(method, path) && rule.Fire())
                {
                    if (rule.Remaining == 0)
                    {
                        _rules.Remove(rule);
                    }

                    return rule.Spec;
                }
            }

            return null;
        }
    }

    public JsonArray Snapshot()
    {
        lock (_gate)
        {
            return new JsonArray(_rules.Select(r => (JsonNode)r.ToJson()).ToArray());
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    /// <summary>A rule plus its running state. Only touched under the injector's lock.</summary>
    private sealed class ActiveRule(long id, FaultSpec spec)
    {
        // Not for security: a seeded generator is the point, so a test sees the same pattern every run.
        private readonly Random? _draws = spec.Share is null ? null : new Random(spec.Seed ?? 0);

        public FaultSpec Spec { get; } = spec;

        /// <summary>Requests still to fault for a count rule; null for a share rule (it stays until cleared).</summary>
        public int? Remaining { get; private set; } = spec.Count;

        public long Applied { get; private set; }

        public bool Fire()
        {
            var fires = _draws is null ? Remaining > 0 : _draws.NextDouble() < Spec.Share;
            if (fires)
            {
                Applied++;
                Remaining--;
            }

            return fires;
        }

        public JsonObject ToJson() => new()
        {
            ["id"] = id,
            ["mode"] = Spec.ModeName,
            ["when"] = Spec.WhenName,
            ["status"] = Spec.Status,
            ["oktaBody"] = Spec.OktaBody,
            ["seconds"] = Spec.Seconds,
            ["location"] = Spec.Location,
            ["method"] = Spec.Method,
            ["pathPrefix"] = Spec.PathPrefix,
            ["pathExact"] = Spec.PathExact,
            ["count"] = Spec.Count,
            ["remaining"] = Remaining,
            ["share"] = Spec.Share,
            ["seed"] = Spec.Seed,
            ["applied"] = Applied,
        };
    }
}
