using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Xunit;

namespace OktaEventHooks.Sandbox.Tests;

/// <summary>
/// Drives the sandbox through every recorded sequence of real Okta traffic and compares each answer with Okta's:
/// the status; the same keys in the same order, recursively, and the same JSON types (null stays null); the same
/// values where they do not depend on the org (names, uris, status, verificationStatus, headers, filters, error
/// codes and texts); <c>events.items</c> as a set; whole-second timestamps; <c>_links</c> with the same relations,
/// pointing at the sandbox; and <c>lastUpdated</c> moving (or not, as in a PUT answer that is stale) exactly where
/// Okta's did. The recorded hook id is mapped to the one the sandbox creates, and each distinct recorded uri to a
/// loopback receiver path of its own, one that answers the challenge unless Okta's verification of it failed.
/// </summary>
public sealed partial class RecordedReplayTests
{
    public static TheoryData<string> Recordings => Recording.Files();

    [Theory]
    [MemberData(nameof(Recordings))]
    public async Task SandboxAnswersTheRecordedSequenceAsOktaDid(string file)
    {
        var recording = Recording.Load(file);
        await using var sandbox = await SandboxClient.StartAsync();
        var replay = new Replay(sandbox, recording);

        foreach (var interaction in recording.Interactions)
        {
            await replay.StepAsync(interaction);
        }

        Assert.True(replay.Differences.Count == 0, $"{file}: the sandbox differs from Okta in {replay.Differences.Count} place(s):\n" + string.Join("\n", replay.Differences));
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$")]
    private static partial Regex WholeSeconds();

    [GeneratedRegex("^oae[A-Za-z0-9_-]{22}$")]
    private static partial Regex ErrorId();

    [GeneratedRegex("^00u[A-Za-z0-9]{17}$")]
    private static partial Regex UserId();

    [GeneratedRegex("^who[A-Za-z0-9]{17}$")]
    private static partial Regex HookId();

    /// <summary>The state of one replay: the id and uri mappings, the previous answers, the differences found.</summary>
    private sealed class Replay(SandboxClient sandbox, Recording recording)
    {
        private readonly Dictionary<string, string> _ids = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _uris = ReceiverPaths(sandbox, recording);
        private readonly Dictionary<string, string> _recordedLastUpdated = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _sandboxLastUpdated = new(StringComparer.Ordinal);
        private RecordedInteraction _current = null!;

        public List<string> Differences { get; } = [];

        public async Task StepAsync(RecordedInteraction interaction)
        {
            _current = interaction;
            var response = await sandbox.SendAsync(new HttpMethod(interaction.Method), MapIds(interaction.Path), MapRequest(interaction.RequestBody));
            if ((int)response.Status != interaction.Status)
            {
                Differ("", $"status {(int)response.Status}, Okta {interaction.Status}: {response.Body}");
                return;
            }

            if (interaction.ResponseText is null)
            {
                if (response.Body.Length != 0)
                {
                    Differ("", $"a body where Okta sent none: {response.Body}");
                }

                return;
            }

            var recorded = interaction.Answer;
            var actual = response.Json;
            LearnIds(recorded, actual);
            Compare(recorded, actual, "$");
            if (recorded is JsonObject recordedHook && actual is JsonObject sandboxHook && recordedHook.ContainsKey("lastUpdated"))
            {
                CompareLastUpdatedMoves(recordedHook, sandboxHook);
            }
        }

        /// <summary>
        /// Each distinct recorded uri gets its own receiver path; "wrong" (answers the challenge wrongly) where Okta's
        /// verification of that uri failed, "ok" otherwise. A uri is the hook's from the POST or PUT that set it.
        /// </summary>
        private static Dictionary<string, string> ReceiverPaths(SandboxClient sandbox, Recording recording)
        {
            var failing = new HashSet<string>(StringComparer.Ordinal);
            string? current = null;
            foreach (var interaction in recording.Interactions)
            {
                current = UriOf(interaction.RequestBody) ?? current;
                if (interaction.Path.EndsWith("/lifecycle/verify", StringComparison.Ordinal) && interaction.Status >= 400 && current is not null)
                {
                    failing.Add(current);
                }
            }

            var uris = recording.Interactions.Select(i => UriOf(i.RequestBody)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            return uris.Select((uri, n) => (uri, n)).ToDictionary(
                p => p.uri,
                p => sandbox.ReceiverUri($"{(failing.Contains(p.uri) ? "wrong" : "ok")}/recorded-{p.n + 1}"),
                StringComparer.Ordinal);
        }

        private static string? UriOf(JsonObject? body) => (string?)body?["channel"]?["config"]?["uri"];

        private JsonObject? MapRequest(JsonObject? body)
        {
            if (body?.DeepClone() is not JsonObject copy)
            {
                return null;
            }

            if (UriOf(copy) is { } uri)
            {
                copy["channel"]!["config"]!["uri"] = _uris[uri];
            }

            return copy;
        }

        private string MapIds(string text) =>
            _ids.Aggregate(text, (current, id) => current.Replace(id.Key, id.Value, StringComparison.Ordinal));

        /// <summary>A recorded hook id met for the first time maps to the sandbox's id in the same place.</summary>
        private void LearnIds(JsonNode? recorded, JsonNode? actual)
        {
            if (recorded is JsonObject r && actual is JsonObject a
                && (string?)r["id"] is { } recordedId && (string?)a["id"] is { } sandboxId
                && !_ids.ContainsKey(recordedId))
            {
                _ids[recordedId] = sandboxId;
            }
            else if (recorded is JsonArray ra && actual is JsonArray aa && ra.Count == aa.Count)
            {
                for (var i = 0; i < ra.Count; i++)
                {
                    LearnIds(ra[i], aa[i]);
                }
            }
        }

        private void Compare(JsonNode? recorded, JsonNode? actual, string path)
        {
            var recordedKind = Kind(recorded);
            var actualKind = Kind(actual);
            if (recordedKind != actualKind)
            {
                Differ(path, $"is {actualKind} ({actual?.ToJsonString() ?? "null"}), Okta's is {recordedKind} ({recorded?.ToJsonString() ?? "null"})");
                return;
            }

            switch (recorded)
            {
                case JsonObject recordedObject:
                    var actualObject = actual!.AsObject();
                    var recordedKeys = recordedObject.Select(p => p.Key).ToList();
                    var actualKeys = actualObject.Select(p => p.Key).ToList();
                    if (!recordedKeys.SequenceEqual(actualKeys, StringComparer.Ordinal))
                    {
                        Differ(path, $"has keys [{string.Join(", ", actualKeys)}], Okta's [{string.Join(", ", recordedKeys)}]");
                    }

                    foreach (var key in recordedKeys.Intersect(actualKeys, StringComparer.Ordinal))
                    {
                        Compare(recordedObject[key], actualObject[key], $"{path}.{key}");
                    }

                    break;
                case JsonArray recordedArray when path.EndsWith(".events.items", StringComparison.Ordinal):
                    // Okta may return the subscribed types in another order than they were sent.
                    var recordedItems = recordedArray.Select(i => (string?)i).Order(StringComparer.Ordinal);
                    var actualItems = actual!.AsArray().Select(i => (string?)i).Order(StringComparer.Ordinal);
                    if (!recordedItems.SequenceEqual(actualItems, StringComparer.Ordinal))
                    {
                        Differ(path, $"is {actual.ToJsonString()}, Okta's {recorded.ToJsonString()} (as sets)");
                    }

                    break;
                case JsonArray recordedArray:
                    var actualArray = actual!.AsArray();
                    if (recordedArray.Count != actualArray.Count)
                    {
                        Differ(path, $"has {actualArray.Count} elements, Okta's {recordedArray.Count}");
                        return;
                    }

                    for (var i = 0; i < recordedArray.Count; i++)
                    {
                        Compare(recordedArray[i], actualArray[i], $"{path}[{i}]");
                    }

                    break;
                case JsonValue:
                    CompareValue(recorded.ToJsonString(), actual!.ToJsonString(), (string?)(recordedKind == JsonValueKind.String ? recorded : null), (string?)(actualKind == JsonValueKind.String ? actual : null), path);
                    break;
            }
        }

        /// <summary>Values that depend on the org (ids, times, hosts) are checked for shape; all others must be equal.</summary>
        private void CompareValue(string recordedJson, string actualJson, string? recordedText, string? actualText, string path)
        {
            var key = path[(path.LastIndexOf('.') + 1)..];
            switch (key)
            {
                case "created" or "lastUpdated":
                    if (!WholeSeconds().IsMatch(actualText ?? string.Empty))
                    {
                        Differ(path, $"is {actualJson}, not whole seconds as Okta's {recordedJson}");
                    }

                    return;
                case "createdBy":
                    Expect(path, UserId().IsMatch(actualText ?? string.Empty), actualJson, "an Okta user id (00u + 17)");
                    return;
                case "errorId":
                    Expect(path, ErrorId().IsMatch(actualText ?? string.Empty), actualJson, "oae + 22 of [A-Za-z0-9_-], like Okta's " + recordedJson);
                    return;
                case "id" when recordedText?.StartsWith("who", StringComparison.Ordinal) == true:
                    Expect(path, HookId().IsMatch(actualText ?? string.Empty) && actualText == MapIds(recordedText), actualJson, $"who + 17, the id the sandbox gave {recordedText}");
                    return;
                case "href":
                    var expected = sandbox.Host.BaseAddress + MapIds(new Uri(recordedText!).AbsolutePath);
                    Expect(path, actualText == expected, actualJson, expected);
                    return;
                case "uri" when recordedText is not null && _uris.TryGetValue(recordedText, out var receiver):
                    Expect(path, actualText == receiver, actualJson, receiver);
                    return;
                default:
                    var mapped = recordedText is null ? recordedJson : JsonValue.Create(MapIds(recordedText)).ToJsonString();
                    Expect(path, actualJson == mapped, actualJson, mapped);
                    return;
            }
        }

        /// <summary>
        /// Whether lastUpdated moved since the hook's previous answer, answer by answer, as in the recording: it
        /// moves on every change and stays on reads, and a PUT that kept the status answers with the old value
        /// (the next GET then shows the new one).
        /// </summary>
        private void CompareLastUpdatedMoves(JsonObject recorded, JsonObject actual)
        {
            var id = (string?)recorded["id"] ?? string.Empty;
            var recordedNow = (string?)recorded["lastUpdated"] ?? string.Empty;
            var actualNow = (string?)actual["lastUpdated"] ?? string.Empty;
            if (_recordedLastUpdated.TryGetValue(id, out var recordedBefore) && _sandboxLastUpdated.TryGetValue(id, out var actualBefore))
            {
                var recordedMoved = recordedNow != recordedBefore;
                var actualMoved = actualNow != actualBefore;
                if (recordedMoved != actualMoved)
                {
                    Differ("$.lastUpdated", actualMoved
                        ? $"moved ({actualBefore} -> {actualNow}) where Okta's stayed {recordedBefore}"
                        : $"stayed {actualNow} where Okta's moved ({recordedBefore} -> {recordedNow})");
                }
            }

            _recordedLastUpdated[id] = recordedNow;
            _sandboxLastUpdated[id] = actualNow;
        }

        private void Expect(string path, bool ok, string actual, string expected)
        {
            if (!ok)
            {
                Differ(path, $"is {actual}, expected {expected}");
            }
        }

        private void Differ(string path, string what) => Differences.Add($"{_current}: {path} {what}".Replace(":  ", ": ", StringComparison.Ordinal));

        private static JsonValueKind Kind(JsonNode? node) => node?.GetValueKind() switch
        {
            null => JsonValueKind.Null,
            JsonValueKind.False => JsonValueKind.True, // one kind: boolean
            var kind => kind.Value,
        };
    }
}
