using System.Text.Json.Nodes;
using OktaEventHooks.Sandbox.Admin;

namespace OktaEventHooks.Sandbox.Receiver;

/// <summary>
/// The answers of the receiver's switches (<c>/receiver/switch/{name}</c>), set by a test through
/// <c>PUT /sandbox/receiver/switch/{name}</c> with <c>{"answers": [200, 503, "hang"]}</c>: each POST takes the next
/// answer, the last one stays. A status answers with that status; <c>"hang"</c> answers nothing until the caller gives
/// up (or <see cref="LongestHang"/> passes). A switch never set answers 200. Verification GETs always pass, so a hook
/// stays VERIFIED while its receiver is "down", as a real receiver that broke after it was set up.
/// </summary>
internal sealed class ReceiverSwitches
{
    /// <summary>The answer that holds the request without answering.</summary>
    public const int Hang = 0;

    public const string HangWord = "hang";

    /// <summary>A hang ends by itself after this, so a forgotten switch cannot hold a connection for ever.</summary>
    public static readonly TimeSpan LongestHang = TimeSpan.FromMinutes(2);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, (IReadOnlyList<int> Answers, int Next)> _switches = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Reads <c>{"answers": [...]}</c>: a non-empty list of statuses from 200 to 599, or "hang".</summary>
    public static (IReadOnlyList<int>? Answers, string? Problem) Parse(JsonObject json)
    {
        const string Allowed = "The body must be {\"answers\": [...]}: a non-empty list of HTTP statuses from 200 to 599 or \"hang\", given in turn, the last one kept.";
        if (json.Count != 1 || json["answers"] is not JsonArray array || array.Count == 0)
        {
            return (null, Allowed);
        }

        var answers = new List<int>();
        foreach (var item in array)
        {
            if (AdminJson.TryGetInt(item, out var status) && status is >= 200 and <= 599)
            {
                answers.Add(status);
            }
            else if (AdminJson.TryGetString(item, out var word) && word == HangWord)
            {
                answers.Add(Hang);
            }
            else
            {
                return (null, $"'{item?.ToJsonString()}' in answers is not allowed. {Allowed}");
            }
        }

        return (answers, null);
    }

    public void Set(string name, IReadOnlyList<int> answers)
    {
        lock (_gate)
        {
            _switches[name] = (answers, 0);
        }
    }

    /// <summary>The answer for the next POST to switch <paramref name="name"/>: a status, or <see cref="Hang"/>.</summary>
    public int Next(string name)
    {
        lock (_gate)
        {
            if (!_switches.TryGetValue(name, out var state))
            {
                return 200;
            }

            var answer = state.Answers[Math.Min(state.Next, state.Answers.Count - 1)];
            _switches[name] = (state.Answers, state.Next + 1);
            return answer;
        }
    }

    public JsonObject Describe(string name)
    {
        lock (_gate)
        {
            var answers = _switches.TryGetValue(name, out var state) ? state.Answers : [200];
            return new JsonObject
            {
                ["name"] = name,
                ["answers"] = new JsonArray(answers.Select(a => a == Hang ? (JsonNode)JsonValue.Create(HangWord) : JsonValue.Create(a)).ToArray()),
            };
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _switches.Clear();
        }
    }
}
