using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Newtonsoft.Json.Linq;

namespace OktaEventHooks.Client.EventHooks;

/// <summary>
/// One condition of an event hook filter (<c>events.filter.eventFilterMap[].condition.expression</c>), evaluated against
/// a System Log LogEvent as Okta evaluates it before a delivery. Only the language Okta documents for hook filters is
/// understood: the fields <c>event.eventType</c>, <c>event.outcome.result</c>/<c>.reason</c>,
/// <c>event.actor.id</c>/<c>.type</c>/<c>.alternateId</c>/<c>.displayName</c>, <c>event.debugData.changedAttributes</c>
/// compared with <c>eq</c>/<c>ne</c> (also <c>==</c>/<c>!=</c>) to a quoted text or <c>null</c>; selections of targets
/// <c>event.target.?[type eq 'UserGroup' &amp;&amp; displayName eq 'Sales'].size() &gt; 0</c> over <c>id</c>, <c>type</c>,
/// <c>alternateId</c>, <c>displayName</c>, whose size is compared to a whole number; all joined with <c>&amp;&amp;</c>,
/// <c>||</c> and parentheses. Anything else is refused with the reason, never guessed: a resend that guessed could
/// send events the hook never gets, or hold back ones it does.
/// </summary>
public sealed class EventFilterExpression
{
    /// <summary>The scalar fields a filter may name (Okta's list), and where each is in a LogEvent.</summary>
    private static readonly Dictionary<string, string[]> EventFields = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["eventType"] = new[] { "eventType" },
        ["outcome.result"] = new[] { "outcome", "result" },
        ["outcome.reason"] = new[] { "outcome", "reason" },
        ["actor.id"] = new[] { "actor", "id" },
        ["actor.type"] = new[] { "actor", "type" },
        ["actor.alternateId"] = new[] { "actor", "alternateId" },
        ["actor.displayName"] = new[] { "actor", "displayName" },

        // Okta's documentation names it event.debugData.changedAttributes; in a LogEvent it sits in debugContext.debugData.
        ["debugData.changedAttributes"] = new[] { "debugContext", "debugData", "changedAttributes" },
        ["debugContext.debugData.changedAttributes"] = new[] { "debugContext", "debugData", "changedAttributes" },
    };

    /// <summary>The fields of a target a selection may name.</summary>
    private static readonly HashSet<string> TargetFields = new HashSet<string>(StringComparer.Ordinal) { "id", "type", "alternateId", "displayName" };

    private readonly Func<JObject, bool> _test;

    private EventFilterExpression(string text, Func<JObject, bool> test)
    {
        Text = text;
        _test = test;
    }

    /// <summary>What the filters the module evaluates may contain, for messages.</summary>
    public const string Supported =
        "event.eventType, event.outcome.result/.reason, event.actor.id/.type/.alternateId/.displayName and " +
        "event.debugData.changedAttributes compared with eq or ne to a quoted text; event.target.?[…].size() over " +
        "id, type, alternateId and displayName compared to a whole number; joined with &&, || and parentheses";

    /// <summary>The expression as the hook holds it.</summary>
    public string Text { get; }

    /// <summary>The expression, or a <see cref="FormatException"/> whose message says what is not understood.</summary>
    public static EventFilterExpression Parse(string text) =>
        TryParse(text, out var expression, out var problem) ? expression! : throw new FormatException(problem);

    /// <summary>Parses <paramref name="text"/>; on failure, <paramref name="problem"/> says what is not understood.</summary>
    public static bool TryParse(string text, out EventFilterExpression? expression, out string? problem)
    {
        expression = null;
        problem = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = "the expression is empty";
            return false;
        }

        try
        {
            var parser = new Parser(Tokenize(text));
            expression = new EventFilterExpression(text, parser.ParseWhole());
            return true;
        }
        catch (NotUnderstoodException ex)
        {
            problem = ex.Message;
            return false;
        }
    }

    /// <summary>True when Okta would deliver <paramref name="logEvent"/> to the hook under this condition.</summary>
    public bool Matches(JObject logEvent) => _test(logEvent ?? throw new ArgumentNullException(nameof(logEvent)));

    public override string ToString() => Text;

    private enum TokenKind
    {
        Word,
        Text,
        Number,
        Dot,
        SelectOpen,
        SelectClose,
        OpenParen,
        CloseParen,
        And,
        Or,
        Operator,
    }

    private sealed class Token
    {
        public Token(TokenKind kind, string text)
        {
            Kind = kind;
            Text = text;
        }

        public TokenKind Kind { get; }

        public string Text { get; }
    }

    private sealed class NotUnderstoodException : Exception
    {
        public NotUnderstoodException(string message)
            : base(message)
        {
        }
    }

    // Longest first, so ">=" is never read as ">" then "=".
    private static readonly (string Symbol, TokenKind Kind)[] Symbols =
    {
        (".?[", TokenKind.SelectOpen), ("&&", TokenKind.And), ("||", TokenKind.Or),
        ("==", TokenKind.Operator), ("!=", TokenKind.Operator), (">=", TokenKind.Operator), ("<=", TokenKind.Operator),
        (">", TokenKind.Operator), ("<", TokenKind.Operator),
        (".", TokenKind.Dot), ("]", TokenKind.SelectClose), ("(", TokenKind.OpenParen), (")", TokenKind.CloseParen),
    };

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var symbol = Symbols.FirstOrDefault(s => string.CompareOrdinal(text, i, s.Symbol, 0, s.Symbol.Length) == 0);
            if (symbol.Symbol != null)
            {
                tokens.Add(new Token(symbol.Kind, symbol.Symbol));
                i += symbol.Symbol.Length;
            }
            else if (c == '\'' || c == '"')
            {
                tokens.Add(new Token(TokenKind.Text, ReadText(text, ref i)));
            }
            else if (c >= '0' && c <= '9')
            {
                var start = i;
                while (i < text.Length && text[i] >= '0' && text[i] <= '9')
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Number, text.Substring(start, i - start)));
            }
            else if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Word, text.Substring(start, i - start)));
            }
            else
            {
                throw new NotUnderstoodException($"'{c}' at position {i + 1} is not part of the filter language the module evaluates");
            }
        }

        return tokens;
    }

    // Okta's Expression Language quotes text in single or double quotes; a doubled quote stands for itself.
    private static string ReadText(string text, ref int i)
    {
        var quote = text[i++];
        var value = new StringBuilder();
        while (i < text.Length)
        {
            if (text[i] == quote)
            {
                if (i + 1 < text.Length && text[i + 1] == quote)
                {
                    value.Append(quote);
                    i += 2;
                    continue;
                }

                i++;
                return value.ToString();
            }

            value.Append(text[i++]);
        }

        throw new NotUnderstoodException($"a text has no closing quote ({quote})");
    }

    /// <summary>Recursive descent straight into closures.</summary>
    private sealed class Parser
    {
        private readonly List<Token> _tokens;
        private int _position;

        public Parser(List<Token> tokens) => _tokens = tokens;

        public Func<JObject, bool> ParseWhole()
        {
            var condition = ParseOr(ParseComparison);
            if (Peek() is Token extra)
            {
                throw new NotUnderstoodException($"'{extra.Text}' after a complete condition is not understood");
            }

            return condition;
        }

        private Token? Peek(int ahead = 0) => _position + ahead < _tokens.Count ? _tokens[_position + ahead] : null;

        private Token Next(string expected) =>
            _position < _tokens.Count ? _tokens[_position++] : throw new NotUnderstoodException($"the expression ends where {expected} should follow");

        private void Expect(TokenKind kind, string expected)
        {
            var token = Next(expected);
            if (token.Kind != kind)
            {
                throw new NotUnderstoodException($"'{token.Text}' stands where {expected} should");
            }
        }

        private Func<T, bool> ParseOr<T>(Func<Func<T, bool>> primary)
        {
            var left = ParseAnd(primary);
            while (Peek()?.Kind == TokenKind.Or)
            {
                _position++;
                var (first, second) = (left, ParseAnd(primary));
                left = item => first(item) || second(item);
            }

            return left;
        }

        private Func<T, bool> ParseAnd<T>(Func<Func<T, bool>> primary)
        {
            var left = ParseGroupOr(primary);
            while (Peek()?.Kind == TokenKind.And)
            {
                _position++;
                var (first, second) = (left, ParseGroupOr(primary));
                left = item => first(item) && second(item);
            }

            return left;
        }

        private Func<T, bool> ParseGroupOr<T>(Func<Func<T, bool>> primary)
        {
            if (Peek()?.Kind == TokenKind.OpenParen)
            {
                _position++;
                var inner = ParseOr(primary);
                Expect(TokenKind.CloseParen, "')'");
                return inner;
            }

            return primary();
        }

        /// <summary><c>event.field op literal</c>, or <c>event.target.?[…].size() op number</c>.</summary>
        private Func<JObject, bool> ParseComparison()
        {
            var first = Next("a condition");
            if (first.Kind != TokenKind.Word || first.Text != "event")
            {
                throw new NotUnderstoodException(first.Kind == TokenKind.Word
                    ? $"'{first.Text}' is not a field of the event: fields start with 'event.'"
                    : $"'{first.Text}' stands where a condition on an event field should");
            }

            var path = ReadPath();
            if (path == "target" && Peek()?.Kind == TokenKind.SelectOpen)
            {
                return ParseSelectionSize();
            }

            if (!EventFields.TryGetValue(path, out var location))
            {
                throw new NotUnderstoodException($"'event.{path}' is not a field Okta's hook filters can test; allowed: {Supported}");
            }

            var equal = ReadEquality();
            var literal = ReadTextOrNull();
            return logEvent => Equal(Resolve(logEvent, location), literal) == equal;
        }

        private string ReadPath()
        {
            var names = new List<string>();
            do
            {
                Expect(TokenKind.Dot, "'.' and a field name");
                var name = Next("a field name");
                if (name.Kind != TokenKind.Word)
                {
                    throw new NotUnderstoodException($"'{name.Text}' stands where a field name should");
                }

                names.Add(name.Text);
            }
            while (Peek()?.Kind == TokenKind.Dot);

            if (Peek() is { Kind: TokenKind.OpenParen })
            {
                throw new NotUnderstoodException($"'{names.Last()}(…)' is a method; the module evaluates no methods but size() of a target selection");
            }

            return string.Join(".", names);
        }

        private Func<JObject, bool> ParseSelectionSize()
        {
            _position++;
            var predicate = ParseOr<JToken>(ParseTargetComparison);
            Expect(TokenKind.SelectClose, "']'");
            if (!(Peek() is { Kind: TokenKind.Dot } && Peek(1) is { Kind: TokenKind.Word, Text: "size" } && Peek(2)?.Kind == TokenKind.OpenParen))
            {
                throw new NotUnderstoodException("a target selection must be followed by .size() and a comparison with a whole number");
            }

            _position += 3;
            Expect(TokenKind.CloseParen, "')'");
            var op = Next("a comparison operator");
            if (!(op.Kind == TokenKind.Operator || (op.Kind == TokenKind.Word && (op.Text == "eq" || op.Text == "ne"))))
            {
                throw new NotUnderstoodException($"'{op.Text}' is not a comparison the module evaluates after size(): use >, >=, <, <=, ==, !=, eq or ne");
            }

            var number = Next("a whole number");
            if (number.Kind != TokenKind.Number || !int.TryParse(number.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var bound))
            {
                throw new NotUnderstoodException($"'{number.Text}' stands where a whole number should, after size()");
            }

            return logEvent =>
            {
                var size = logEvent["target"] is JArray targets ? targets.Count(predicate) : 0;
                return op.Text switch
                {
                    ">" => size > bound,
                    ">=" => size >= bound,
                    "<" => size < bound,
                    "<=" => size <= bound,
                    "==" or "eq" => size == bound,
                    _ => size != bound,
                };
            };
        }

        /// <summary>Inside <c>.?[…]</c>: <c>field op literal</c> on one target.</summary>
        private Func<JToken, bool> ParseTargetComparison()
        {
            var field = Next("a target field");
            if (field.Kind != TokenKind.Word || !TargetFields.Contains(field.Text))
            {
                throw new NotUnderstoodException($"'{field.Text}' is not a target field Okta's hook filters can test; allowed: id, type, alternateId, displayName");
            }

            if (Peek()?.Kind == TokenKind.Dot)
            {
                var method = Peek(1)?.Text ?? string.Empty;
                throw new NotUnderstoodException($"'{field.Text}.{method}' is not evaluated: a target field is compared with eq or ne to a quoted text");
            }

            var equal = ReadEquality();
            var literal = ReadTextOrNull();
            return target => Equal(target is JObject o ? o[field.Text] : null, literal) == equal;
        }

        /// <summary>True for eq / ==, false for ne / !=.</summary>
        private bool ReadEquality()
        {
            var op = Next("eq or ne");
            switch (op.Text)
            {
                case "eq":
                case "==":
                    return true;
                case "ne":
                case "!=":
                    return false;
                default:
                    throw new NotUnderstoodException($"'{op.Text}' is not an operator the module evaluates on a field: use eq or ne");
            }
        }

        private string? ReadTextOrNull()
        {
            var token = Next("a quoted text");
            if (token.Kind == TokenKind.Text)
            {
                return token.Text;
            }

            if (token.Kind == TokenKind.Word && token.Text == "null")
            {
                return null;
            }

            throw new NotUnderstoodException($"'{token.Text}' stands where a quoted text (or null) should: fields are compared to text");
        }

        private static JToken? Resolve(JObject logEvent, string[] location)
        {
            JToken? node = logEvent;
            foreach (var name in location)
            {
                node = node is JObject o ? o[name] : null;
            }

            return node;
        }

        // Exact comparison; a missing or null field equals only null, and a number or boolean never equals text.
        private static bool Equal(JToken? value, string? literal)
        {
            if (value == null || value.Type == JTokenType.Null)
            {
                return literal == null;
            }

            return literal != null && value.Type == JTokenType.String && string.Equals((string?)value, literal, StringComparison.Ordinal);
        }
    }
}
