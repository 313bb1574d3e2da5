import Diagnostics
import ModelsDevCatalog

/// A request the API refuses or cannot answer: an HTTP status, a message that says what is wrong and what would
/// be right, and suggestions (ids or references that look like the one asked for).
///
/// Its body is `{"error": {"status": 404, "message": "…", "suggestions": ["…"]}}`; messages name query parameters
/// as a request writes them (`max_input_price`), never a command-line flag.
public struct APIError: Error, Equatable, Sendable {
    public var status: Int
    public var message: String
    public var suggestions: [String]
    /// Extra header fields, such as `allow` for a method the path does not take.
    public var headers: [(name: String, value: String)] = []

    public init(status: Int, message: String, suggestions: [String] = [], headers: [(name: String, value: String)] = [])
    {
        self.status = status
        self.message = message
        self.suggestions = suggestions
        self.headers = headers
    }

    /// `diagnostic`'s message, options spelt as query parameters, and its suggestions.
    public init(status: Int, _ diagnostic: Diagnostic) {
        self.init(
            status: status, message: diagnostic.message.rendered(spellingOptionsWith: QueryParameters.spelling),
            suggestions: diagnostic.suggestions)
    }

    public var response: APIResponse {
        var response = APIResponse.json(
            .object([
                "error": .object([
                    "status": .optional(status),
                    "message": .string(message),
                    "suggestions": .array(suggestions.map(JSONValue.string)),
                ])
            ]), status: status)
        response.headers += headers
        return response
    }

    public static func == (lhs: APIError, rhs: APIError) -> Bool {
        lhs.status == rhs.status && lhs.message == rhs.message && lhs.suggestions == rhs.suggestions
            && lhs.headers.elementsEqual(rhs.headers) { $0 == $1 }
    }
}
