using OktaEventHooks.Client.EventHooks;

namespace OktaEventHooks.Client.Tests;

public sealed class EventHookRulesTests
{
    private const string Canary = "CANARY-s3cr3t-V4lue";

    private static EventHookDefinition Valid() => new()
    {
        Name = "HR offboarding sync",
        Description = "Deactivations to the HR system",
        Uri = "https://hooks.contoso.example/okta",
        EventTypes = ["user.lifecycle.deactivate", "user.lifecycle.suspend"],
        Headers = [new() { Key = "X-Tenant", Value = "emea-01" }],
        Filter = [new() { Event = "user.lifecycle.suspend", Expression = "event.target.?[type eq 'User'].size() > 0" }],
        AuthHeaderName = "Authorization",
        AuthHeaderValue = "Basic " + Canary,
    };

    private static List<EventHookHeader> Headers(params string[] keyValues) =>
        keyValues.Select(kv => kv.Split('=', 2)).Select(p => new EventHookHeader { Key = p[0], Value = p[1] }).ToList();

    private static List<EventHookFilterMapEntry> Filter(params string[] eventExpressions) =>
        eventExpressions.Select(e => e.Split('=', 2)).Select(p => new EventHookFilterMapEntry { Event = p[0], Expression = p[1] }).ToList();

    /// <summary>Table cells hold lists as "a|b|c"; an empty cell is an empty list.</summary>
    private static string[] Split(string cell) => cell.Length == 0 ? [] : cell.Split('|');

    [Fact]
    public void States_Okta_s_limits()
    {
        Assert.Equal(255, EventHookRules.MaxNameLength);
        Assert.Equal(300, EventHookRules.MaxEventTypes);
        Assert.Equal(1024, EventHookRules.MaxUriLength);
        Assert.Equal("Authorization", EventHookRules.DefaultAuthHeaderName);
    }

    [Fact]
    public void Finds_nothing_wrong_with_a_valid_definition() =>
        Assert.Empty(EventHookRules.Validate(Valid()));

    [Fact]
    public void Finds_nothing_wrong_with_a_minimal_definition() =>
        Assert.Empty(EventHookRules.Validate(new EventHookDefinition
        {
            Name = "x",
            Uri = "https://h.example/x",
            EventTypes = ["user.lifecycle.create"],
            Description = null,
            Headers = null!,
            Filter = null!,
        }));

    [Fact]
    public void Refuses_to_validate_no_definition() =>
        Assert.Throws<ArgumentNullException>(() => EventHookRules.Validate(null!));

    [Fact]
    public void Names_the_field_of_every_problem_in_the_order_of_the_parameters()
    {
        var definition = new EventHookDefinition
        {
            Name = "",
            Uri = "http://hooks.example.com/okta",
            Description = "bell\u0007",
            EventTypes = [],
            AuthHeaderName = "Bad Name",
            AuthHeaderValue = "line\nbreak",
            Headers = Headers("Host=h.example"),
            Filter = Filter("user.lifecycle.create=true"),
        };

        var problems = EventHookRules.Validate(definition);

        Assert.Equal(
            [
                EventHookField.Name, EventHookField.Uri, EventHookField.Description, EventHookField.EventType,
                EventHookField.AuthHeaderName, EventHookField.AuthHeaderValue, EventHookField.Header, EventHookField.Filter,
            ],
            problems.Select(p => p.Field));
        Assert.All(problems, p => Assert.Equal(p.Field + ": " + p.Message, p.ToString()));
    }

    [Fact]
    public void Checks_no_auth_header_when_there_is_none()
    {
        var definition = Valid();
        definition.AuthHeaderName = null;
        definition.AuthHeaderValue = null;
        Assert.Empty(EventHookRules.Validate(definition));
    }

    [Fact]
    public void Names_the_auth_header_field_whose_value_is_wrong()
    {
        var definition = Valid();
        definition.AuthHeaderValue = "";
        var problem = Assert.Single(EventHookRules.Validate(definition));
        Assert.Equal(EventHookField.AuthHeaderValue, problem.Field);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("HR offboarding sync")]
    [InlineData("Ünïcödé – naïve 'quoted' \"name\"")]
    [InlineData("  leading and trailing  ")]
    public void Accepts_a_name(string name) => Assert.Null(EventHookRules.NameProblem(name));

    [Fact]
    public void Accepts_a_name_of_the_longest_length() =>
        Assert.Null(EventHookRules.NameProblem(new string('n', 255)));

    [Theory]
    [InlineData(null, "The name is empty.")]
    [InlineData("", "The name is empty.")]
    [InlineData("   ", "The name is empty.")]
    [InlineData("tab\there", "control or text-direction character")]
    [InlineData("new\nline", "control or text-direction character")]
    [InlineData("evil\u202Egnp.exe", "control or text-direction character")]
    [InlineData("zero\u200Bwidth", "control or text-direction character")]
    public void Refuses_a_name(string? name, string because)
    {
        var problem = EventHookRules.NameProblem(name);
        Assert.Contains(because, problem);
        Assert.EndsWith("Allowed: 1 to 255 characters without control characters.", problem);
    }

    [Fact]
    public void Refuses_a_name_longer_than_255_characters() =>
        Assert.StartsWith("The name has 256 characters.", EventHookRules.NameProblem(new string('n', 256)));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Line one\r\nLine two\twith a tab")]
    public void Accepts_a_description(string? description) => Assert.Null(EventHookRules.DescriptionProblem(description));

    [Fact]
    public void Bounds_the_description()
    {
        Assert.Null(EventHookRules.DescriptionProblem(new string('d', 4096)));
        Assert.Equal(
            "The description has 4097 characters. Allowed: at most 4096.",
            EventHookRules.DescriptionProblem(new string('d', 4097)));
        Assert.Contains("control character", EventHookRules.DescriptionProblem("bell\u0007"));
    }

    [Theory]
    [InlineData("https://hooks.contoso.example/okta")]
    [InlineData("https://hooks.contoso.example:8443/okta/events?tenant=emea")]
    [InlineData("HTTPS://HOOKS.CONTOSO.EXAMPLE/OKTA")]
    [InlineData("https://münchen.example/hook")]
    [InlineData("http://localhost:8080/hook")]
    [InlineData("http://LOCALHOST/hook")]
    [InlineData("http://127.0.0.1/hook")]
    [InlineData("http://127.45.6.7:9000/hook")]
    [InlineData("http://[::1]:9000/hook")]
    public void Accepts_an_endpoint(string uri) => Assert.Null(EventHookRules.UriProblem(uri));

    [Fact]
    public void Accepts_an_endpoint_of_the_longest_length()
    {
        var uri = "https://h.example/" + new string('p', 1024 - "https://h.example/".Length);
        Assert.Equal(1024, uri.Length);
        Assert.Null(EventHookRules.UriProblem(uri));
    }

    [Theory]
    [InlineData(null, "The URI is empty.")]
    [InlineData("", "The URI is empty.")]
    [InlineData("  ", "The URI is empty.")]
    [InlineData("http://hooks.contoso.example/okta", "uses http:// to a host that is not loopback")]
    [InlineData("http://localhost.contoso.example/okta", "uses http:// to a host that is not loopback")]
    [InlineData("http://127.0.0.1.nip.io/okta", "uses http:// to a host that is not loopback")]
    [InlineData("http://10.0.0.1/okta", "uses http:// to a host that is not loopback")]
    [InlineData("ftp://hooks.contoso.example/okta", "uses the ftp: scheme")]
    [InlineData("hooks.contoso.example/okta", "is not an absolute URI")]
    [InlineData("https://hooks.contoso.example/a b", "whitespace or a control character")]
    [InlineData(" https://hooks.contoso.example/okta", "whitespace or a control character")]
    [InlineData("https://hooks.contoso.example/okta\n", "whitespace or a control character")]
    [InlineData("https://hooks.contoso.example/okta#events", "has a fragment")]
    [InlineData("https://hooks.contoso.example/okta#", "has a fragment")]
    [InlineData("https://admin:hunter2@hooks.contoso.example/okta", "user name or password")]
    [InlineData("https://token@hooks.contoso.example/okta", "user name or password")]
    public void Refuses_an_endpoint(string? uri, string because)
    {
        var problem = EventHookRules.UriProblem(uri);
        Assert.Contains(because, problem);
        Assert.EndsWith(
            "Allowed: an absolute https:// URI of at most 1024 characters, without spaces, user name, password or fragment (http:// only to localhost, 127.0.0.0/8 or ::1).",
            problem);
    }

    [Fact]
    public void Refuses_an_endpoint_longer_than_1024_characters()
    {
        var uri = "https://h.example/" + new string('p', 1025 - "https://h.example/".Length);
        Assert.StartsWith("The URI has 1025 characters.", EventHookRules.UriProblem(uri));
    }

    [Theory]
    [InlineData("https://admin:" + Canary + "@hooks.contoso.example/okta")]
    [InlineData("http://admin:" + Canary + "@hooks.contoso.example/okta")]
    [InlineData("ftp://admin:" + Canary + "@hooks.contoso.example/okta")]
    [InlineData("https://admin:" + Canary + "@hooks.contoso.example/okta#frag")]
    public void Never_repeats_the_credentials_of_an_endpoint(string uri)
    {
        var problem = EventHookRules.UriProblem(uri)!;
        Assert.Contains("user name or password", problem);
        Assert.DoesNotContain(Canary, problem, StringComparison.Ordinal);
        Assert.DoesNotContain("admin", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("user.lifecycle.create")]
    [InlineData("group.user_membership.add")]
    public void Accepts_an_event_type(string eventType) => Assert.Null(EventHookRules.EventTypeProblem(eventType));

    [Theory]
    [InlineData(null, "An event type is empty.")]
    [InlineData("", "An event type is empty.")]
    [InlineData(" ", "An event type is empty.")]
    [InlineData("user. lifecycle.create", "'user. lifecycle.create' contains whitespace")]
    [InlineData("user.lifecycle.create\u0000", "contains whitespace or a control character")]
    public void Refuses_an_event_type(string? eventType, string because)
    {
        var problem = EventHookRules.EventTypeProblem(eventType);
        Assert.Contains(because, problem);
        Assert.EndsWith(EventHookRules.EventTypeAllowed, problem);
    }

    [Fact]
    public void Bounds_an_event_type_s_length()
    {
        Assert.Null(EventHookRules.EventTypeProblem(new string('e', 255)));
        Assert.StartsWith("An event type has 256 characters.", EventHookRules.EventTypeProblem(new string('e', 256)));
    }

    [Fact]
    public void Needs_at_least_one_event_type()
    {
        Assert.StartsWith("The hook has no event type.", EventHookRules.EventTypesProblem(null));
        Assert.StartsWith("The hook has no event type.", EventHookRules.EventTypesProblem([]));
    }

    [Fact]
    public void Allows_at_most_300_distinct_event_types()
    {
        var types = Enumerable.Range(0, 300).Select(i => "type." + i).ToList();
        Assert.Null(EventHookRules.EventTypesProblem(types));
        Assert.Null(EventHookRules.EventTypesProblem([.. types, "type.0"]));
        Assert.Equal("The hook has 301 event types. Allowed: 1 to 300.", EventHookRules.EventTypesProblem([.. types, "type.300"]));
    }

    [Fact]
    public void Tells_the_first_bad_event_type_of_a_list() =>
        Assert.StartsWith(
            "The event type 'b c'",
            EventHookRules.EventTypesProblem(["user.lifecycle.create", "b c", "d\te"]));

    [Theory]
    [InlineData("X-Source")]
    [InlineData("x_tenant")]
    [InlineData("!#$%&'*+-.^_`|~09azAZ")]
    public void Accepts_a_header_name(string name) => Assert.Null(EventHookRules.HeaderNameProblem(name));

    [Fact]
    public void Bounds_a_header_name_s_length()
    {
        Assert.Null(EventHookRules.HeaderNameProblem(new string('h', 256)));
        Assert.StartsWith("A header name has 257 characters.", EventHookRules.HeaderNameProblem(new string('h', 257)));
    }

    [Theory]
    [InlineData(null, "A header name is empty.")]
    [InlineData("", "A header name is empty.")]
    [InlineData("  ", "A header name is empty.")]
    [InlineData("X Source", "'X Source' is not an HTTP header name (U+0020 is not allowed).")]
    [InlineData("X-Source:", "'X-Source:' is not an HTTP header name (':' is not allowed).")]
    [InlineData("X-Sourc\u00e9", "('\u00e9' is not allowed)")]
    [InlineData("X-A\r\nX-B", "'X-AU+000DU+000AX-B' is not an HTTP header name (U+000D is not allowed).")]
    [InlineData("X-\"quoted\"", "('\"' is not allowed)")]
    [InlineData("X-(comment)", "('(' is not allowed)")]
    public void Refuses_a_header_name_that_is_not_an_RFC_9110_token(string? name, string because)
    {
        var problem = EventHookRules.HeaderNameProblem(name);
        Assert.Contains(because, problem);
        Assert.EndsWith("Allowed: letters, digits and !#$%&'*+-.^_`|~ (an HTTP header name), e.g. X-Source.", problem);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("emea-01")]
    [InlineData("a\tb")]
    [InlineData("Ünïcödé")]
    public void Accepts_a_header_value(string? value) => Assert.Null(EventHookRules.HeaderValueProblem("X-Tenant", value));

    [Theory]
    [InlineData("a\r\nX-Injected: 1")]
    [InlineData("a\nb")]
    [InlineData("nul\u0000")]
    [InlineData("del\u007f")]
    public void Refuses_a_header_value_that_would_break_the_header(string value) =>
        Assert.Equal(
            "The value of header 'X-Tenant' contains a line break or control character. Allowed: one line of text.",
            EventHookRules.HeaderValueProblem("X-Tenant", value));

    [Fact]
    public void Bounds_a_header_value_s_length()
    {
        Assert.Null(EventHookRules.HeaderValueProblem("X-Tenant", new string('v', 4096)));
        Assert.Equal(
            "The value of header 'X-Tenant' has 4097 characters. Allowed: at most 4096.",
            EventHookRules.HeaderValueProblem("X-Tenant", new string('v', 4097)));
    }

    [Theory]
    [InlineData("Bearer abc.def-ghi_jkl")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("with\ttab")]
    [InlineData(" padded ")]
    [InlineData("~!@#$%^&*()_+{}|:<>?`-=[]\\;',./\"")]
    public void Accepts_a_secret(string secret) => Assert.Null(EventHookRules.SecretProblem(secret));

    [Theory]
    [InlineData(null, "The secret is empty.")]
    [InlineData("", "The secret is empty.")]
    [InlineData("   ", "The secret is only whitespace.")]
    [InlineData(Canary + "\r\nX-Injected: 1", "line break or control character (it is not shown)")]
    [InlineData(Canary + "\u0000", "line break or control character (it is not shown)")]
    [InlineData(Canary + "\u007f", "line break or control character (it is not shown)")]
    [InlineData(Canary + "\u00e9", "outside printable ASCII (it is not shown)")]
    [InlineData(Canary + "\u00a0", "outside printable ASCII (it is not shown)")]
    [InlineData(Canary + "\u2028", "outside printable ASCII (it is not shown)")]
    public void Refuses_a_secret_without_quoting_it(string? secret, string because)
    {
        var problem = EventHookRules.SecretProblem(secret)!;
        Assert.Contains(because, problem);
        Assert.DoesNotContain("CANARY", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Bounds_a_secret_s_length_without_quoting_it()
    {
        Assert.Null(EventHookRules.SecretProblem(new string('s', 4096)));
        var problem = EventHookRules.SecretProblem(Canary + new string('s', 4097));
        Assert.Equal($"The secret has {Canary.Length + 4097} characters. Allowed: at most 4096.", problem);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("X-Tenant=emea|X-Region=eu|Accept-Language=de")]
    public void Accepts_custom_headers(string? headers) =>
        Assert.Null(EventHookRules.HeadersProblem(headers == null ? null : Headers(Split(headers)), "Authorization"));

    [Theory]
    [InlineData("Accept=application/json")]
    [InlineData("Content-Type=text/plain")]
    [InlineData("content-length=5")]
    [InlineData("HOST=h.example")]
    [InlineData("Transfer-Encoding=chunked")]
    [InlineData("Connection=close")]
    [InlineData("User-Agent=me")]
    [InlineData("x-okta-verification-challenge=x")]
    [InlineData("X-Okta-Request-Id=x")]
    public void Refuses_a_header_that_Okta_sets_itself(string header)
    {
        var key = header.Split('=')[0];
        Assert.Equal(
            $"'{key}' is set by Okta itself and cannot be a custom header.",
            EventHookRules.HeadersProblem(Headers(header), null));
    }

    [Theory]
    [InlineData("Authorization", "Authorization")]
    [InlineData("Authorization", "authorization")]
    [InlineData("X-Api-Key", "x-api-key")]
    public void Refuses_a_custom_header_named_like_the_auth_header(string authHeaderName, string key) =>
        Assert.StartsWith(
            $"'{key}' is the auth header.",
            EventHookRules.HeadersProblem(Headers(key + "=" + Canary), authHeaderName));

    [Fact]
    public void Refuses_a_header_given_twice_in_any_case() =>
        Assert.Equal(
            "The header 'x-tenant' is given twice (header names are compared without regard to case).",
            EventHookRules.HeadersProblem(Headers("X-Tenant=a", "X-Region=b", "x-tenant=c"), null));

    [Fact]
    public void Tells_a_custom_header_s_bad_name_or_value()
    {
        Assert.StartsWith("'X Tenant' is not an HTTP header name", EventHookRules.HeadersProblem(Headers("X Tenant=a"), null));
        Assert.StartsWith("The value of header 'X-Tenant' contains a line break", EventHookRules.HeadersProblem(Headers("X-Tenant=a\nb"), null));
    }

    [Fact]
    public void Allows_at_most_50_custom_headers()
    {
        var fifty = Enumerable.Range(0, 50).Select(i => $"X-H{i}=v").ToArray();
        Assert.Null(EventHookRules.HeadersProblem(Headers(fifty), null));
        Assert.Equal("51 custom headers. Allowed: at most 50.", EventHookRules.HeadersProblem(Headers([.. fifty, "X-H50=v"]), null));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("user.lifecycle.create=true")]
    [InlineData("user.lifecycle.create=event.target.size() > 0|user.lifecycle.deactivate=true\r\n&& true\t")]
    public void Accepts_a_filter_on_subscribed_event_types(string? filter) =>
        Assert.Null(EventHookRules.FilterProblem(
            filter == null ? null : Filter(Split(filter)),
            ["user.lifecycle.create", "user.lifecycle.deactivate"]));

    [Theory]
    [InlineData("group.user_membership.add=true", "'group.user_membership.add' is not one of the hook's event types.")]
    [InlineData("User.Lifecycle.Create=true", "'User.Lifecycle.Create' is not one of the hook's event types.")]
    [InlineData("=true", "'' is not one of the hook's event types.")]
    [InlineData("bad\u0001type=true", "'badU+0001type' is not one of the hook's event types.")]
    [InlineData("user.lifecycle.create=", "The condition for 'user.lifecycle.create' is empty.")]
    [InlineData("user.lifecycle.create=  ", "The condition for 'user.lifecycle.create' is empty.")]
    [InlineData("user.lifecycle.create=true\u0000", "The condition for 'user.lifecycle.create' contains a control character.")]
    public void Refuses_a_filter_entry(string entry, string because) =>
        Assert.StartsWith(because, EventHookRules.FilterProblem(Filter(entry), ["user.lifecycle.create"]));

    [Fact]
    public void Refuses_two_conditions_for_one_event_type() =>
        Assert.Equal(
            "'user.lifecycle.create' has two conditions. Allowed: one condition per event type.",
            EventHookRules.FilterProblem(Filter("user.lifecycle.create=true", "user.lifecycle.create=false"), ["user.lifecycle.create"]));

    [Fact]
    public void Refuses_a_filter_when_the_hook_has_no_event_types() =>
        Assert.NotNull(EventHookRules.FilterProblem(Filter("user.lifecycle.create=true"), null!));

    [Fact]
    public void Bounds_a_condition_s_length()
    {
        Assert.Null(EventHookRules.FilterProblem(Filter("a=" + new string('c', 4096)), ["a"]));
        Assert.Equal(
            "The condition for 'a' has 4097 characters. Allowed: at most 4096.",
            EventHookRules.FilterProblem(Filter("a=" + new string('c', 4097)), ["a"]));
    }

    [Theory]
    [InlineData("Authorization", true)]
    [InlineData("authorization", true)]
    [InlineData("Proxy-Authorization", true)]
    [InlineData("Cookie", true)]
    [InlineData("X-Api-Key", true)]
    [InlineData("X-Auth-Token", true)]
    [InlineData("X-Client-Secret", true)]
    [InlineData("X-Password", true)]
    [InlineData("X-Passwd", true)]
    [InlineData("X-Hub-Signature", true)]
    [InlineData("X-Credential", true)]
    [InlineData("X-Tenant", false)]
    [InlineData("X-Region", false)]
    [InlineData("Accept-Language", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Knows_a_header_name_that_looks_like_it_carries_a_credential(string? name, bool credential) =>
        Assert.Equal(credential, EventHookRules.LooksLikeCredential(name));

    [Fact]
    public void Refuses_a_header_name_with_a_NUL_character()
    {
        Assert.Contains("(U+0000 is not allowed)", EventHookRules.HeaderNameProblem("X-Tenant\u0000"));
        var definition = Valid();
        definition.AuthHeaderName = "Authorization\u0000";
        Assert.Contains(EventHookRules.Validate(definition), p => p.Field == EventHookField.AuthHeaderName);
    }

    [Theory]
    [InlineData("https://admin:" + Canary + "@hooks.contoso.example:99999/okta")]
    [InlineData("https://admin:" + Canary + "@[hooks.contoso.example]/okta")]
    public void Never_repeats_the_credentials_of_an_endpoint_it_cannot_parse(string uri)
    {
        var problem = EventHookRules.UriProblem(uri)!;
        Assert.NotNull(problem);
        Assert.DoesNotContain(Canary, problem, StringComparison.Ordinal);
    }
}
