using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OktaEventHooks.Sandbox.Delivery;

internal enum FilterVerdict
{
    Matched,
    NotMatched,

    /// <summary>The sandbox does not understand the expression; the event is delivered anyway.</summary>
    NotEvaluated,
}

/// <summary>
/// Evaluates the simple part of Okta Expression Language that hook filters use in practice, against one LogEvent:
/// <c>true</c>/<c>false</c>; <c>event.a.b eq 'v'</c> (also <c>ne</c>, <c>==</c>, <c>!=</c>, and number comparisons);
/// selections such as <c>event.target.?[displayName eq 'Finance'].size() &gt; 0</c>, whose predicate reads fields of
/// each element; <c>.size()</c> of an array; combined with <c>&amp;&amp;</c>/<c>and</c>, <c>||</c>/<c>or</c> and parentheses.
/// Anything else is <see cref="FilterVerdict.NotEvaluated"/>, never a guess: the sandbox would rather deliver
/// and say so than drop an event over syntax it does not know.
/// </summary>
internal static class HookFilterExpression
{
    public static FilterVerdict Evaluate(string expression, JsonObject logEvent)
    {
        try
        {
            var parser = new Parser(Tokenize(expression));
            var condition = parser.ParseWhole();
            return condition(new Scope(logEvent, null)) ? FilterVerdict.Matched : FilterVerdict.NotMatched;
        }
        catch (NotEvaluableException)
        {
            return FilterVerdict.NotEvaluated;
        }
    }

    /// <summary>What names resolve against: <c>event.…</c> is the LogEvent, a bare name is the selection's current element.</summary>
    private sealed record Scope(JsonObject Event, JsonNode? Element);

    private enum TokenKind
    {
        Word,
        String,
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

    private sealed record Token(TokenKind Kind, string Text);

    private sealed class NotEvaluableException : Exception
    {
    }

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
            else if (text.AsSpan(i).StartsWith(".?["))
            {
                tokens.Add(new Token(TokenKind.SelectOpen, ".?["));
                i += 3;
            }
            else if (Symbol(text, i) is { } symbol)
            {
                tokens.Add(symbol);
                i += symbol.Text.Length;
            }
            else if (c is '\'' or '"')
            {
                tokens.Add(new Token(TokenKind.String, ReadString(text, ref i)));
            }
            else if (char.IsAsciiDigit(c))
            {
                var start = i;
                while (i < text.Length && (char.IsAsciiDigit(text[i]) || (text[i] == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]))))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Number, text[start..i]));
            }
            else if (char.IsAsciiLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Word, text[start..i]));
            }
            else
            {
                throw new NotEvaluableException();
            }
        }

        return tokens;
    }

    private static Token? Symbol(string text, int i)
    {
        foreach (var (symbol, kind) in Symbols)
        {
            if (text.AsSpan(i).StartsWith(symbol))
            {
                return new Token(kind, symbol);
            }
        }

        return null;
    }

    // Longest first, so ">=" is never read as ">" followed by "=".
    private static readonly (string Symbol, TokenKind Kind)[] Symbols =
    [
        ("&&", TokenKind.And), ("||", TokenKind.Or),
        ("==", TokenKind.Operator), ("!=", TokenKind.Operator), (">=", TokenKind.Operator), ("<=", TokenKind.Operator),
        (">", TokenKind.Operator), ("<", TokenKind.Operator),
        (".", TokenKind.Dot), ("]", TokenKind.SelectClose), ("(", TokenKind.OpenParen), (")", TokenKind.CloseParen),
    ];

    // SpEL string literals: single or double quoted, the quote doubled to escape it.
    private static string ReadString(string text, ref int i)
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

        throw new NotEvaluableException();
    }

    /// <summary>Recursive descent straight into closures; any token it does not expect means "not evaluated".</summary>
    private sealed class Parser(List<Token> tokens)
    {
        private static readonly Dictionary<string, string> OperatorWords = new(StringComparer.Ordinal)
        {
            ["eq"] = "==",
            ["ne"] = "!=",
            ["gt"] = ">",
            ["lt"] = "<",
            ["ge"] = ">=",
            ["le"] = "<=",
        };

        private int _position;

        public Func<Scope, bool> ParseWhole()
        {
            var condition = ParseOr(insideSelection: false);
            if (_position != tokens.Count)
            {
                throw new NotEvaluableException();
            }

            return condition;
        }

        private Token? Peek(int ahead = 0) => _position + ahead < tokens.Count ? tokens[_position + ahead] : null;

        private Token Next() => _position < tokens.Count ? tokens[_position++] : throw new NotEvaluableException();

        private void Expect(TokenKind kind)
        {
            if (Next().Kind != kind)
            {
                throw new NotEvaluableException();
            }
        }

        private bool TakeConnective(TokenKind symbol, string word)
        {
            if (Peek() is { } token && (token.Kind == symbol || (token.Kind == TokenKind.Word && token.Text == word)))
            {
                _position++;
                return true;
            }

            return false;
        }

        private Func<Scope, bool> ParseOr(bool insideSelection)
        {
            var left = ParseAnd(insideSelection);
            while (TakeConnective(TokenKind.Or, "or"))
            {
                var (first, second) = (left, ParseAnd(insideSelection));
                left = scope => first(scope) || second(scope);
            }

            return left;
        }

        private Func<Scope, bool> ParseAnd(bool insideSelection)
        {
            var left = ParsePrimary(insideSelection);
            while (TakeConnective(TokenKind.And, "and"))
            {
                var (first, second) = (left, ParsePrimary(insideSelection));
                left = scope => first(scope) && second(scope);
            }

            return left;
        }

        private Func<Scope, bool> ParsePrimary(bool insideSelection)
        {
            var token = Next();
            if (token.Kind == TokenKind.OpenParen)
            {
                var inner = ParseOr(insideSelection);
                Expect(TokenKind.CloseParen);
                return inner;
            }

            if (token is { Kind: TokenKind.Word, Text: "true" or "false" } && !IsOperatorNext())
            {
                var constant = token.Text == "true";
                return _ => constant;
            }

            if (token.Kind != TokenKind.Word)
            {
                throw new NotEvaluableException();
            }

            var value = ParseValue(token, insideSelection);
            var op = ReadOperator();
            var literal = ParseLiteral();
            return scope => Compare(value(scope), op, literal);
        }

        private bool IsOperatorNext() =>
            Peek() is { } next && (next.Kind == TokenKind.Operator || (next.Kind == TokenKind.Word && OperatorWords.ContainsKey(next.Text)));

        private string ReadOperator()
        {
            var token = Next();
            return token.Kind switch
            {
                TokenKind.Operator => token.Text,
                TokenKind.Word when OperatorWords.TryGetValue(token.Text, out var symbol) => symbol,
                _ => throw new NotEvaluableException(),
            };
        }

        /// <summary>
        /// <c>event.a.b</c> (or, inside a selection, <c>a.b</c> on the element), optionally followed by a
        /// selection <c>.?[…]</c> and/or <c>.size()</c>. The result is a JSON node, or a number for a size.
        /// </summary>
        private Func<Scope, JsonNode?> ParseValue(Token first, bool insideSelection)
        {
            var fromEvent = first.Text == "event";
            if (!fromEvent && !insideSelection)
            {
                throw new NotEvaluableException();
            }

            var path = fromEvent ? new List<string>() : [first.Text];
            while (Peek()?.Kind == TokenKind.Dot && Peek(1)?.Kind == TokenKind.Word && Peek(2)?.Kind != TokenKind.OpenParen)
            {
                _position++;
                path.Add(Next().Text);
            }

            Func<Scope, JsonNode?> value = scope => Resolve(fromEvent ? scope.Event : scope.Element, path);

            if (Peek()?.Kind == TokenKind.SelectOpen)
            {
                _position++;
                var predicate = ParseOr(insideSelection: true);
                Expect(TokenKind.SelectClose);
                var source = value;
                value = scope => new JsonArray(Select(source(scope), predicate, scope).ToArray());
            }

            if (Peek()?.Kind == TokenKind.Dot && Peek(1) is { Kind: TokenKind.Word, Text: "size" } && Peek(2)?.Kind == TokenKind.OpenParen)
            {
                _position += 3;
                Expect(TokenKind.CloseParen);
                var collection = value;
                value = scope => collection(scope) is JsonArray array ? JsonValue.Create(array.Count) : throw new NotEvaluableException();
            }

            return value;
        }

        // A missing or non-array collection selects nothing, rather than failing the whole filter.
        private static IEnumerable<JsonNode?> Select(JsonNode? source, Func<Scope, bool> predicate, Scope scope) =>
            source is JsonArray array
                ? array.Where(element => predicate(scope with { Element = element })).Select(element => element?.DeepClone())
                : [];

        private static JsonNode? Resolve(JsonNode? node, List<string> path)
        {
            foreach (var name in path)
            {
                node = node is JsonObject obj ? obj[name] : null;
            }

            return node;
        }

        private JsonValue? ParseLiteral()
        {
            var token = Next();
            return token.Kind switch
            {
                TokenKind.String => JsonValue.Create(token.Text),
                TokenKind.Number => JsonValue.Create(decimal.Parse(token.Text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture)),
                TokenKind.Word when token.Text == "true" => JsonValue.Create(true),
                TokenKind.Word when token.Text == "false" => JsonValue.Create(false),
                TokenKind.Word when token.Text == "null" => null,
                _ => throw new NotEvaluableException(),
            };
        }

        private static bool Compare(JsonNode? value, string op, JsonNode? literal)
        {
            if (op is "==" or "!=")
            {
                return Equal(value, literal) == (op == "==");
            }

            var order = Order(value, literal);
            return op switch
            {
                ">" => order > 0,
                "<" => order < 0,
                ">=" => order >= 0,
                _ => order <= 0,
            };
        }

        // Numbers only; like SpEL, null (a missing field) sorts before any value rather than failing the filter.
        private static int Order(JsonNode? value, JsonNode? literal)
        {
            var valueIsNull = value?.GetValueKind() is null or JsonValueKind.Null;
            var literalIsNull = literal?.GetValueKind() is null or JsonValueKind.Null;
            if (valueIsNull || literalIsNull)
            {
                return valueIsNull.CompareTo(literalIsNull) * -1;
            }

            if (!TryNumber(value, out var left) || !TryNumber(literal, out var right))
            {
                throw new NotEvaluableException();
            }

            return left.CompareTo(right);
        }

        private static bool Equal(JsonNode? value, JsonNode? literal)
        {
            var valueKind = value?.GetValueKind() ?? JsonValueKind.Null;
            var literalKind = literal?.GetValueKind() ?? JsonValueKind.Null;
            if (valueKind == JsonValueKind.Number && literalKind == JsonValueKind.Number)
            {
                return TryNumber(value, out var left) && TryNumber(literal, out var right) && left == right;
            }

            return valueKind == literalKind
                && (valueKind is JsonValueKind.Null or JsonValueKind.True or JsonValueKind.False
                    || (valueKind == JsonValueKind.String && string.Equals(value!.GetValue<string>(), literal!.GetValue<string>(), StringComparison.Ordinal)));
        }

        private static bool TryNumber(JsonNode? node, out decimal number)
        {
            // Through the JSON text: a node built in code holds an int or a long, which TryGetValue<decimal> refuses.
            number = 0;
            return node is JsonValue value
                && value.GetValueKind() == JsonValueKind.Number
                && decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number);
        }
    }
}
