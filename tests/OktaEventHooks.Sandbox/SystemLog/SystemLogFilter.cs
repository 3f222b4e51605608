using System.Text;
using System.Text.Json.Nodes;

namespace OktaEventHooks.Sandbox.SystemLog;

/// <summary>
/// The subset of Okta's SCIM-style System Log <c>filter</c> the sandbox understands: <c>attr op "value"</c> with
/// <c>eq</c>, <c>ne</c>, <c>sw</c>, <c>co</c>, and <c>attr pr</c>, joined with <c>and</c> / <c>or</c>, grouped with
/// parentheses, <c>not (…)</c>. An attribute is a dotted path into the LogEvent (<c>eventType</c>,
/// <c>outcome.result</c>, <c>target.id</c>, <c>debugContext.debugData.x</c>); through an array (<c>target</c>) it
/// matches when any element does. Anything else is refused, as Okta refuses what it cannot parse (400 E0000001).
/// </summary>
internal abstract class SystemLogFilter
{
    /// <summary>True when the LogEvent passes the filter.</summary>
    public abstract bool Matches(JsonObject logEvent);

    /// <summary>The filter, or null and what is wrong with the text.</summary>
    public static (SystemLogFilter? Filter, string? Problem) Parse(string text)
    {
        try
        {
            var parser = new Parser(Tokenize(text));
            var filter = parser.ParseOr();
            parser.ExpectEnd();
            return (filter, null);
        }
        catch (FormatException ex)
        {
            return (null, ex.Message);
        }
    }

    private enum TokenKind
    {
        Word,
        Text,
        Open,
        Close,
    }

    private readonly record struct Token(TokenKind Kind, string Value);

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
            }
            else if (c is '(' or ')')
            {
                tokens.Add(new Token(c == '(' ? TokenKind.Open : TokenKind.Close, c.ToString()));
                i++;
            }
            else if (c == '"')
            {
                var value = new StringBuilder();
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new FormatException("A quoted value is not closed.");
                    }

                    if (text[i] == '\\' && i + 1 < text.Length)
                    {
                        value.Append(text[i + 1]);
                        i += 2;
                    }
                    else if (text[i] == '"')
                    {
                        i++;
                        break;
                    }
                    else
                    {
                        value.Append(text[i++]);
                    }
                }

                tokens.Add(new Token(TokenKind.Text, value.ToString()));
            }
            else
            {
                var start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('(' or ')' or '"'))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Word, text[start..i]));
            }
        }

        return tokens;
    }

    private sealed class Parser(List<Token> tokens)
    {
        private int _position;

        public SystemLogFilter ParseOr()
        {
            var left = ParseAnd();
            while (IsWord("or"))
            {
                _position++;
                left = new Either(left, ParseAnd());
            }

            return left;
        }

        public void ExpectEnd()
        {
            if (_position < tokens.Count)
            {
                throw new FormatException($"Unexpected '{tokens[_position].Value}'.");
            }
        }

        private SystemLogFilter ParseAnd()
        {
            var left = ParseFactor();
            while (IsWord("and"))
            {
                _position++;
                left = new Both(left, ParseFactor());
            }

            return left;
        }

        private SystemLogFilter ParseFactor()
        {
            if (IsWord("not"))
            {
                _position++;
                return new Not(ParseGroup());
            }

            if (_position < tokens.Count && tokens[_position].Kind == TokenKind.Open)
            {
                return ParseGroup();
            }

            var attribute = Next(TokenKind.Word, "an attribute name");
            if (!IsAttributePath(attribute))
            {
                throw new FormatException($"'{attribute}' is not an attribute path.");
            }

            var op = Next(TokenKind.Word, "an operator").ToLowerInvariant();
            if (op == "pr")
            {
                return new Comparison(attribute, op, null);
            }

            if (op is not ("eq" or "ne" or "sw" or "co"))
            {
                throw new FormatException($"The operator '{op}' is not supported; use eq, ne, sw, co or pr.");
            }

            return new Comparison(attribute, op, Next(TokenKind.Text, "a quoted value"));
        }

        private SystemLogFilter ParseGroup()
        {
            Next(TokenKind.Open, "'('");
            var inner = ParseOr();
            Next(TokenKind.Close, "')'");
            return inner;
        }

        private bool IsWord(string word) =>
            _position < tokens.Count
            && tokens[_position].Kind == TokenKind.Word
            && tokens[_position].Value.Equals(word, StringComparison.OrdinalIgnoreCase);

        private string Next(TokenKind kind, string what)
        {
            if (_position >= tokens.Count)
            {
                throw new FormatException($"The filter ends where {what} was expected.");
            }

            var token = tokens[_position];
            if (token.Kind != kind)
            {
                throw new FormatException($"'{token.Value}' found where {what} was expected.");
            }

            _position++;
            return token.Value;
        }

        private static bool IsAttributePath(string word) =>
            word.Split('.').All(part => part.Length > 0 && part.All(c => char.IsLetterOrDigit(c) || c == '_'));
    }

    private sealed class Either(SystemLogFilter left, SystemLogFilter right) : SystemLogFilter
    {
        public override bool Matches(JsonObject logEvent) => left.Matches(logEvent) || right.Matches(logEvent);
    }

    private sealed class Both(SystemLogFilter left, SystemLogFilter right) : SystemLogFilter
    {
        public override bool Matches(JsonObject logEvent) => left.Matches(logEvent) && right.Matches(logEvent);
    }

    private sealed class Not(SystemLogFilter inner) : SystemLogFilter
    {
        public override bool Matches(JsonObject logEvent) => !inner.Matches(logEvent);
    }

    private sealed class Comparison(string attribute, string op, string? value) : SystemLogFilter
    {
        private readonly string[] _path = attribute.Split('.');

        public override bool Matches(JsonObject logEvent)
        {
            var nodes = new List<JsonNode?>();
            Collect(logEvent, 0, nodes);
            var values = nodes.Select(n => n is JsonValue scalar ? scalar.ToString() : null).ToList();
            return op switch
            {
                "pr" => nodes.Any(n => n is not null),
                // ne: no value at the path equals the given one.
                "ne" => !values.Any(v => string.Equals(v, value, StringComparison.OrdinalIgnoreCase)),
                _ => values.Any(v => v is not null && Compare(v)),
            };
        }

        // Okta compares filter values without regard to case.
        private bool Compare(string actual) => op switch
        {
            "eq" => actual.Equals(value, StringComparison.OrdinalIgnoreCase),
            "sw" => actual.StartsWith(value!, StringComparison.OrdinalIgnoreCase),
            _ => actual.Contains(value!, StringComparison.OrdinalIgnoreCase),
        };

        private void Collect(JsonNode? node, int depth, List<JsonNode?> values)
        {
            if (node is JsonArray array)
            {
                foreach (var item in array)
                {
                    Collect(item, depth, values);
                }

                return;
            }

            if (depth == _path.Length)
            {
                values.Add(node);
                return;
            }

            if (node is JsonObject obj && TryGet(obj, _path[depth], out var child))
            {
                Collect(child, depth + 1, values);
            }
        }

        private static bool TryGet(JsonObject obj, string name, out JsonNode? child)
        {
            if (obj.TryGetPropertyValue(name, out child))
            {
                return true;
            }

            foreach (var (key, value) in obj)
            {
                if (key.Equals(name, StringComparison.OrdinalIgnoreCase))
                {
                    child = value;
                    return true;
                }
            }

            return false;
        }
    }
}
