using System.Globalization;
using Newtonsoft.Json.Linq;
using OktaEventHooks.Client.EventHooks;

namespace OktaEventHooks.Client.Tests;

/// <summary>
/// Every answer recorded from real Okta orgs (tests/fixtures/recorded/*.json, one theory case per file) read by the
/// client into an <see cref="EventHook"/>: every field of the answer, nulls and empty arrays included, must come
/// out with the same value, except the two the model deliberately does not keep (listed in <see cref="NotKept"/>).
/// </summary>
public sealed class RecordedAnswerTests
{
    /// <summary>
    /// Answer fields the model has no place for: a filter condition's <c>version</c> (read-only, always null) and
    /// the <c>hints.allow</c> of a link (the relation and href are kept). Anything else missing is a failure.
    /// </summary>
    private static readonly string[] NotKept =
    [
        @"^events\.filter\.eventFilterMap\[\d+\]\.condition\.version$",
        @"^_links\.\w+\.hints\.allow(\[\d+\])?$",
    ];

    public static TheoryData<string> Recordings()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(FixtureFolder(), "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Recordings))]
    public void ClientReadsEveryRecordedAnswerIntoTheRightEventHook(string file)
    {
        var recording = (JObject)ParseRaw(File.ReadAllText(Path.Combine(FixtureFolder(), file)));
        var hooksRead = 0;
        foreach (var (interaction, index) in ((JArray)recording["interactions"]!).Cast<JObject>().Select((x, i) => (x, i)))
        {
            var where = $"{file} #{index} {interaction["method"]} {interaction["path"]}";
            var text = (string?)interaction["responseText"];
            if (text is null)
            {
                Assert.Equal(204, (int)interaction["status"]!);
                continue;
            }

            var answer = ParseRaw(text);
            if (answer is JObject error && error.ContainsKey("errorCode"))
            {
                // Okta's error body, not a hook: what the cmdlets make of it is checked by tests/Replay.Tests.ps1.
                Assert.True((int)interaction["status"]! >= 400, $"{where}: an error body with a success status.");
                continue;
            }

            List<(JObject Json, EventHook Hook)> hooks = answer is JArray list
                ? [.. list.Cast<JObject>().Zip(EventHookJson.ReadHookList(text))]
                : [((JObject)answer, EventHookJson.ReadHook(text))];
            foreach (var (json, hook) in hooks)
            {
                AssertReadsEveryField(json, hook, where);
                hooksRead++;
            }
        }

        Assert.True(hooksRead > 0, $"{file} has no hook answer at all.");
    }

    private static void AssertReadsEveryField(JObject json, EventHook hook, string where)
    {
        var expected = Flatten(json);
        var actual = Project(hook);
        foreach (var (path, value) in expected)
        {
            if (actual.TryGetValue(path, out var read))
            {
                Assert.True(value == read, $"{where}: {path} is {Show(read)} in the EventHook, {Show(value)} in Okta's answer.");
            }
            else
            {
                Assert.True(NotKept.Any(p => System.Text.RegularExpressions.Regex.IsMatch(path, p)), $"{where}: {path} ({Show(value)}) of Okta's answer is not in the EventHook.");
            }
        }

        foreach (var path in actual.Keys.Where(p => !expected.ContainsKey(p)))
        {
            Assert.Fail($"{where}: the EventHook has {path} = {Show(actual[path])}, which Okta's answer does not.");
        }

        // The conveniences the cmdlets show agree with the fields.
        Assert.Equal(hook.Events.Items, hook.EventTypes);
        Assert.Equal((string?)json.SelectToken("channel.config.uri"), hook.Uri);
        Assert.Equal((string?)json.SelectToken("channel.config.authScheme.key"), hook.AuthHeaderName);
        Assert.Equal(json.SelectToken("channel.config.authScheme") is JObject, hook.HasAuthHeader);
        Assert.Equal(hook.Channel.Config.Headers.Count, hook.Headers.Count);
    }

    /// <summary>Okta's answer as leaf path to value: JSON null is null, an empty array or object is "[]" or "{}".</summary>
    private static Dictionary<string, string?> Flatten(JToken token)
    {
        var leaves = new Dictionary<string, string?>(StringComparer.Ordinal);
        void Walk(JToken node, string path)
        {
            switch (node)
            {
                case JObject o when o.Count > 0:
                    foreach (var property in o.Properties())
                    {
                        Walk(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}");
                    }

                    break;
                case JArray a when a.Count > 0:
                    for (var i = 0; i < a.Count; i++)
                    {
                        Walk(a[i], $"{path}[{i}]");
                    }

                    break;
                case JObject:
                    leaves[path] = "{}";
                    break;
                case JArray:
                    leaves[path] = "[]";
                    break;
                case JValue { Type: JTokenType.Null }:
                    leaves[path] = null;
                    break;
                case JValue { Type: JTokenType.String } s:
                    leaves[path] = (string?)s;
                    break;
                default:
                    leaves[path] = node.ToString(Newtonsoft.Json.Formatting.None);
                    break;
            }
        }

        Walk(token, string.Empty);
        return leaves;
    }

    /// <summary>The EventHook in the same paths as <see cref="Flatten"/>, times written back as Okta writes them (UTC).</summary>
    private static Dictionary<string, string?> Project(EventHook hook)
    {
        var p = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["id"] = hook.Id,
            ["status"] = hook.Status,
            ["verificationStatus"] = hook.VerificationStatus,
            ["name"] = hook.Name,
            ["description"] = hook.Description,
            ["created"] = Time(hook.Created),
            ["createdBy"] = hook.CreatedBy,
            ["lastUpdated"] = Time(hook.LastUpdated),
            ["events.type"] = hook.Events.Type,
            ["channel.type"] = hook.Channel.Type,
            ["channel.version"] = hook.Channel.Version,
            ["channel.config.uri"] = hook.Channel.Config.Uri,
            ["channel.config.method"] = hook.Channel.Config.Method,
        };
        List(p, "events.items", hook.Events.Items, (path, item) => p[path] = item);
        if (hook.Events.Filter is null)
        {
            p["events.filter"] = null;
        }
        else
        {
            p["events.filter.type"] = hook.Events.Filter.Type;
            List(p, "events.filter.eventFilterMap", hook.Events.Filter.EventFilterMap, (path, entry) =>
            {
                p[path + ".event"] = entry.Event;
                p[path + ".condition.expression"] = entry.Expression;
            });
        }

        List(p, "channel.config.headers", hook.Channel.Config.Headers, (path, header) =>
        {
            p[path + ".key"] = header.Key;
            p[path + ".value"] = header.Value;
        });
        if (hook.Channel.Config.AuthScheme is { } auth)
        {
            p["channel.config.authScheme.type"] = auth.Type;
            p["channel.config.authScheme.key"] = auth.Key;
        }

        foreach (var (relation, href) in hook.Links)
        {
            p[$"_links.{relation}.href"] = href;
        }

        return p;
    }

    private static void List<T>(Dictionary<string, string?> projection, string path, IReadOnlyList<T> items, Action<string, T> add)
    {
        if (items.Count == 0)
        {
            projection[path] = "[]";
        }

        for (var i = 0; i < items.Count; i++)
        {
            add($"{path}[{i}]", items[i]);
        }
    }

    /// <summary>JSON as written: timestamps stay the strings Okta sent (Newtonsoft would turn them into dates).</summary>
    private static JToken ParseRaw(string json)
    {
        using var reader = new Newtonsoft.Json.JsonTextReader(new StringReader(json)) { DateParseHandling = Newtonsoft.Json.DateParseHandling.None };
        return JToken.ReadFrom(reader);
    }

    private static string? Time(DateTime? local) =>
        local?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Show(string? value) => value is null ? "null" : $"'{value}'";

    private static string FixtureFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "fixtures", "recorded");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"No tests/fixtures/recorded above {AppContext.BaseDirectory}.");
    }
}
