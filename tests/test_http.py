"""oci_core.http: headers, requests, responses, URLs and redirects."""

from __future__ import annotations

import copy
import dataclasses
import pickle

import pytest

from oci_core import http
from oci_core.errors import InvalidHeaderError, InvalidURLError, OCIError, RedirectError, RemoteProtocolError
from oci_core.http import (
    MAX_REDIRECTS,
    Headers,
    Origin,
    Request,
    Response,
    follow_redirect,
    is_redirect,
    origin,
    resolve_url,
    same_origin,
    with_query,
)

# -- Headers -------------------------------------------------------------------------------


def test_headers_from_pairs_mapping_and_headers() -> None:
    pairs = Headers([("Accept", "a/b"), ("X-One", "1")])
    mapping = Headers({"Accept": "a/b", "X-One": "1"})
    assert pairs == mapping
    assert Headers(pairs) is pairs
    assert list(pairs) == [("Accept", "a/b"), ("X-One", "1")]
    assert len(pairs) == 2 and pairs.fields == (("Accept", "a/b"), ("X-One", "1"))
    assert Headers() == Headers(()) == http.EMPTY_HEADERS and len(Headers()) == 0


def test_headers_case_insensitive_and_repeated() -> None:
    h = Headers([("WWW-Authenticate", 'Bearer realm="a"'), ("www-authenticate", 'Basic realm="b"'), ("X", "1")])
    assert h.get("Www-Authenticate") == 'Bearer realm="a", Basic realm="b"'
    assert h.get_all("WWW-AUTHENTICATE") == ('Bearer realm="a"', 'Basic realm="b"')
    assert h.get("x") == "1" and h.get("missing") is None and h.get("missing", "d") == "d"
    assert h.get_all("missing") == ()
    assert "x" in h and "X" in h and "y" not in h and 3 not in h
    assert Headers([("A", "1")]) == Headers([("a", "1")])
    assert hash(Headers([("A", "1")])) == hash(Headers([("a", "1")]))
    assert Headers([("A", "1"), ("B", "2")]) != Headers([("B", "2"), ("A", "1")])  # order is content
    assert Headers([("A", "1")]) != Headers([("A", "2")])
    assert Headers() != ()


def test_headers_changes_return_new_values() -> None:
    h = Headers([("Accept", "a"), ("Range", "bytes=0-"), ("accept", "b")])
    replaced = h.with_field("ACCEPT", "c")
    assert replaced.fields == (("ACCEPT", "c"), ("Range", "bytes=0-"))
    assert h.fields == (("Accept", "a"), ("Range", "bytes=0-"), ("accept", "b"))  # unchanged
    assert h.with_field("New", "v").fields[-1] == ("New", "v")
    assert h.with_added("Accept", "d").get_all("accept") == ("a", "b", "d")
    assert h.without("accept").fields == (("Range", "bytes=0-"),)
    assert h.without("accept", "range") == Headers()
    with pytest.raises(dataclasses.FrozenInstanceError):
        h.fields = ()  # type: ignore[misc]


@pytest.mark.parametrize("value", ["a\r\nX-Injected: 1", "a\nb", "a\rb", "a\x00b", "a\x7fb", "\x1b[31m"])
def test_header_values_with_control_characters_are_refused(value: str) -> None:
    with pytest.raises(InvalidHeaderError) as info:
        Headers([("X-Test", value)])
    assert info.value.span is not None
    with pytest.raises(InvalidHeaderError):
        Headers().with_field("X-Test", value)
    with pytest.raises(InvalidHeaderError):
        Headers().with_added("X-Test", value)
    with pytest.raises(InvalidHeaderError):
        Request("GET", "https://r.example/", {"Authorization": value})


def test_header_values_allow_tab_space_and_obs_text() -> None:
    assert Headers([("X", "a\tb c\u00e9")]).get("x") == "a\tb c\u00e9"
    assert Headers([("X", "")]).get("x") == ""


@pytest.mark.parametrize("name", ["", "Bad Name", "a:b", "a\r\n", "é", "(x)"])
def test_header_names_must_be_tokens(name: str) -> None:
    with pytest.raises(InvalidHeaderError):
        Headers([(name, "v")])


@pytest.mark.parametrize(
    "source",
    [
        "Accept: a",
        b"raw",
        42,
        [("A",)],
        [("A", "1", "2")],
        [("A", 1)],
        [(b"A", "1")],
        [42],
        {"A": 1},
    ],
)
def test_headers_wrong_kinds_are_type_errors(source: object) -> None:
    with pytest.raises(TypeError):
        Headers(source)  # type: ignore[arg-type]


def test_headers_from_lists_and_str_subclasses() -> None:
    class Sneaky(str):
        def lower(self) -> str:
            return "authorization"

    h = Headers([["Accept", "a"], (Sneaky("X-Other"), Sneaky("v"))])  # type: ignore[list-item]
    assert h.fields == (("Accept", "a"), ("X-Other", "v"))
    assert all(type(name) is str and type(value) is str for name, value in h)
    assert "X-Other: <redacted>" not in repr(h)


def test_headers_repr_hides_secrets() -> None:
    h = Headers([("Authorization", "Bearer s3cret"), ("Cookie", "c=1"), ("Proxy-Authorization", "Basic x")])
    shown = repr(h)
    assert "s3cret" not in shown and "c=1" not in shown and "Basic x" not in shown
    assert shown.count("<redacted>") == 3


def test_headers_pickle_copy_hash() -> None:
    h = Headers([("A", "1"), ("a", "2")])
    assert pickle.loads(pickle.dumps(h)) == h
    assert copy.copy(h) == h and copy.deepcopy(h) == h
    assert type(pickle.loads(pickle.dumps(h))) is Headers
    assert {h: 1}[Headers([("a", "1"), ("A", "2")])] == 1


# -- URLs ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://r.example/v2/", Origin("https", "r.example", 443)),
        ("HTTPS://R.Example:443/", Origin("https", "r.example", 443)),
        ("http://localhost:5000/v2/", Origin("http", "localhost", 5000)),
        ("http://127.0.0.1/", Origin("http", "127.0.0.1", 80)),
        ("http://[::1]:5000/v2/", Origin("http", "[::1]", 5000)),
    ],
)
def test_origin(url: str, expected: Origin) -> None:
    assert origin(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        "",
        "/v2/",
        "ftp://r.example/",
        "https://",
        "https:///path",
        "https://user:pass@r.example/",
        "https://user@r.example/",
        "https://r.example:99999/",
        "https://r.example:0/",
        "https://r.example:port/",
        "https://r.example/a b",
        "https://r.example/\n",
        "\thttps://r.example/",
        "https://r.example/é",
        "https://[::1/",
        "registry.example/v2/",
    ],
)
def test_bad_urls_are_refused(url: str) -> None:
    with pytest.raises(InvalidURLError):
        origin(url)
    with pytest.raises(InvalidURLError):
        Request("GET", url)


def test_url_of_wrong_type() -> None:
    with pytest.raises(TypeError):
        origin(b"https://r.example/")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Request("GET", 42)  # type: ignore[arg-type]


def test_same_origin() -> None:
    assert same_origin("https://r.example/v2/", "https://r.example:443/token")
    assert not same_origin("https://r.example/", "http://r.example/")
    assert not same_origin("https://r.example/", "https://r.example:5000/")
    assert not same_origin("https://r.example/", "https://cdn.r.example/")


# RFC 3986 §5.4.1 normal examples, base "http://a/b/c/d;p?q".
RFC3986_NORMAL = [
    ("g", "http://a/b/c/g"),
    ("./g", "http://a/b/c/g"),
    ("g/", "http://a/b/c/g/"),
    ("/g", "http://a/g"),
    ("//g", "http://g"),
    ("?y", "http://a/b/c/d;p?y"),
    ("g?y", "http://a/b/c/g?y"),
    ("#s", "http://a/b/c/d;p?q"),
    ("g#s", "http://a/b/c/g"),
    (";x", "http://a/b/c/;x"),
    ("g;x", "http://a/b/c/g;x"),
    (".", "http://a/b/c/"),
    ("./", "http://a/b/c/"),
    ("..", "http://a/b/"),
    ("../", "http://a/b/"),
    ("../g", "http://a/b/g"),
    ("../..", "http://a/"),
    ("../../", "http://a/"),
    ("../../g", "http://a/g"),
    # §5.4.2 abnormal examples
    ("../../../g", "http://a/g"),
    ("/./g", "http://a/g"),
    ("/../g", "http://a/g"),
    ("g.", "http://a/b/c/g."),
    ("g..", "http://a/b/c/g.."),
    ("./../g", "http://a/b/g"),
    ("g/./h", "http://a/b/c/g/h"),
    ("g/../h", "http://a/b/c/h"),
    ("g?y/./x", "http://a/b/c/g?y/./x"),
    ("https://other.example/x", "https://other.example/x"),
]


@pytest.mark.parametrize(("reference", "expected"), RFC3986_NORMAL)
def test_resolve_url_rfc3986_examples(reference: str, expected: str) -> None:
    assert resolve_url("http://a/b/c/d;p?q", reference) == expected


@pytest.mark.parametrize("reference", ["", "a b", "\n/x", "ftp://x/", "https://u:p@x/", "//", "/é"])
def test_resolve_url_refuses(reference: str) -> None:
    with pytest.raises(InvalidURLError):
        resolve_url("https://r.example/v2/", reference)


def test_with_query_keeps_state_and_escapes_like_go() -> None:
    assert with_query("https://r/x", [("digest", "sha256:ab")]) == "https://r/x?digest=sha256%3Aab"
    assert with_query("https://r/x?_state=a%2Bb", [("digest", "d")]) == "https://r/x?_state=a%2Bb&digest=d"
    assert with_query("https://r/x?", [("a", "b c/~")]) == "https://r/x?a=b+c%2F~"
    assert with_query("https://r/x", []) == "https://r/x"
    assert with_query("https://r/x?a=1&", [("b", "2")]) == "https://r/x?a=1&b=2"


# -- Request and Response ------------------------------------------------------------------------


def test_request_fields_and_defaults() -> None:
    r = Request("GET", "https://r.example/v2/")
    assert (r.method, r.url, r.headers, r.body, r.body_length, r.scopes, r.redirects) == (
        "GET",
        "https://r.example/v2/",
        Headers(),
        None,
        None,
        (),
        0,
    )
    assert r.content_length is None
    assert r.origin == Origin("https", "r.example", 443)
    streamed = Request("PATCH", "https://r.example/u", body_length=10, scopes=["repository:a:push"])
    assert streamed.content_length == 10 and streamed.scopes == ("repository:a:push",)
    whole = Request("PUT", "https://r.example/u", (), b"abc", body_length=3)
    assert whole.content_length == 3


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"method": "G E T"}, ValueError),
        ({"method": ""}, ValueError),
        ({"method": b"GET"}, TypeError),
        ({"body": "text"}, TypeError),
        ({"body": bytearray(b"x")}, TypeError),
        ({"body_length": -1}, ValueError),
        ({"body_length": True}, TypeError),
        ({"body_length": 2.0}, TypeError),
        ({"body": b"abc", "body_length": 2}, ValueError),
        ({"scopes": "repository:a:pull"}, TypeError),
        ({"scopes": [1]}, TypeError),
        ({"redirects": -1}, ValueError),
    ],
)
def test_request_refuses(kwargs: dict[str, object], error: type[Exception]) -> None:
    args: dict[str, object] = {"method": "GET", "url": "https://r.example/", **kwargs}
    with pytest.raises(error) as info:
        Request(**args)  # type: ignore[arg-type]
    assert not isinstance(info.value, OCIError)


def test_request_repr_hides_authorization_and_body() -> None:
    r = Request("PUT", "https://r.example/x", {"Authorization": "Basic dXNlcjpwYXNz"}, b"secret body")
    shown = repr(r)
    assert "dXNlcjpwYXNz" not in shown and "secret body" not in shown
    assert "<redacted>" in shown and "<11 bytes>" in shown


def test_request_is_a_value() -> None:
    r = Request("GET", "https://r.example/", [("A", "1")], scopes=("s",))
    same = Request("GET", "https://r.example/", {"a": "1"}, scopes=["s"])
    assert r == same and hash(r) == hash(same)
    assert type(r) is Request
    assert pickle.loads(pickle.dumps(r)) == r
    assert copy.deepcopy(r) == r
    assert dataclasses.replace(r, url="https://other.example/").url == "https://other.example/"
    with pytest.raises(InvalidURLError):
        dataclasses.replace(r, url="nope")
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.url = "https://x/"  # type: ignore[misc]
    assert r.with_headers({"B": "2"}).headers == Headers({"B": "2"})


def test_response_fields() -> None:
    r = Response(200)
    assert (r.status, r.headers, r.body, r.url) == (200, Headers(), b"", "")
    assert Response(404, [("X", "1")], bytearray(b"ab"), "https://r/").body == b"ab"  # type: ignore[arg-type]
    assert pickle.loads(pickle.dumps(r)) == r
    assert "<2 bytes>" in repr(Response(200, (), b"ab"))
    for status in (99, 600, -1):
        with pytest.raises(RemoteProtocolError):
            Response(status)
    with pytest.raises(TypeError):
        Response(True)
    with pytest.raises(TypeError):
        Response("200")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Response(200, (), "body")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Response(200, (), b"", None)  # type: ignore[arg-type]


# -- redirects -------------------------------------------------------------------------------------


def _get(url: str = "https://r.example/v2/a/blobs/sha256:0", **headers: str) -> Request:
    fields = {"Accept": "*/*", "Range": "bytes=5-", "Authorization": "Bearer t", **headers}
    return Request("GET", url, fields, scopes=("repository:a:pull",))


def test_redirect_same_origin_keeps_authorization() -> None:
    nxt = follow_redirect(_get(), Response(307, {"Location": "/v2/a/blobs/elsewhere"}))
    assert nxt.url == "https://r.example/v2/a/blobs/elsewhere"
    assert nxt.headers.get("Authorization") == "Bearer t"
    assert nxt.redirects == 1 and nxt.scopes == ("repository:a:pull",)


@pytest.mark.parametrize(
    "location",
    [
        "https://cdn.example/blob",
        "https://r.example:8443/blob",
        "//cdn.example/blob",
        "https://R.EXAMPLE.:443/blob",
    ],
)
def test_redirect_to_other_origin_drops_credentials(location: str) -> None:
    nxt = follow_redirect(_get(Cookie="c=1", **{"Proxy-Authorization": "p"}), Response(302, {"Location": location}))
    assert "Authorization" not in nxt.headers and "Cookie" not in nxt.headers
    assert "Proxy-Authorization" not in nxt.headers
    assert nxt.headers.get("Accept") == "*/*" and nxt.headers.get("Range") == "bytes=5-"


def test_redirect_default_port_is_same_origin() -> None:
    nxt = follow_redirect(_get(), Response(301, {"Location": "https://r.example:443/x"}))
    assert nxt.headers.get("Authorization") == "Bearer t"


def test_redirect_http_to_https_upgrade_is_another_origin() -> None:
    nxt = follow_redirect(_get("http://r.example/x"), Response(308, {"Location": "https://r.example/x"}))
    assert "Authorization" not in nxt.headers and nxt.url == "https://r.example/x"


def test_redirect_refuses_downgrade() -> None:
    with pytest.raises(RedirectError, match="https to http"):
        follow_redirect(_get(), Response(307, {"Location": "http://r.example/x"}))


def test_redirect_drops_host_field() -> None:
    nxt = follow_redirect(_get(Host="r.example"), Response(307, {"Location": "/y"}))
    assert "Host" not in nxt.headers


def test_redirect_stops_after_ten_hops() -> None:
    request = _get()
    for hop in range(MAX_REDIRECTS):
        request = follow_redirect(request, Response(307, {"Location": f"/hop/{hop}"}))
    assert request.redirects == MAX_REDIRECTS
    with pytest.raises(RedirectError, match="10 redirects"):
        follow_redirect(request, Response(307, {"Location": "/one-more"}))


@pytest.mark.parametrize("headers", [{}, {"Location": ""}, [("Location", "/a"), ("Location", "/b")]])
def test_redirect_needs_one_location(headers: object) -> None:
    with pytest.raises(RedirectError):
        follow_redirect(_get(), Response(307, headers))  # type: ignore[arg-type]


def test_redirect_with_bad_location() -> None:
    with pytest.raises(InvalidURLError):
        follow_redirect(_get(), Response(307, {"Location": "https://u:p@evil.example/"}))
    with pytest.raises(InvalidURLError):
        follow_redirect(_get(), Response(307, {"Location": "javascript:alert(1)"}))


def test_not_a_redirect_is_a_value_error() -> None:
    for status in (200, 304, 404):
        assert not is_redirect(Response(status))
        with pytest.raises(ValueError, match="not a redirect") as info:
            follow_redirect(_get(), Response(status, {"Location": "/x"}))
        assert not isinstance(info.value, OCIError)
    with pytest.raises(TypeError):
        follow_redirect("GET", Response(307))  # type: ignore[arg-type]


def test_redirect_method_rules() -> None:
    post = Request(
        "POST", "https://r.example/u", {"Content-Type": "a/b", "Content-Length": "3", "Accept": "x"}, b"abc"
    )
    for status in (301, 302, 303):
        nxt = follow_redirect(post, Response(status, {"Location": "/v"}))
        assert nxt.method == "GET" and nxt.body is None and nxt.body_length is None
        assert "Content-Type" not in nxt.headers and "Content-Length" not in nxt.headers
        assert nxt.headers.get("Accept") == "x"
    for status in (307, 308):
        nxt = follow_redirect(post, Response(status, {"Location": "/v"}))
        assert nxt.method == "POST" and nxt.body == b"abc" and nxt.headers.get("Content-Length") == "3"
    put = Request("PUT", "https://r.example/u", body_length=9)
    assert follow_redirect(put, Response(302, {"Location": "/v"})).method == "PUT"
    assert follow_redirect(put, Response(303, {"Location": "/v"})).method == "GET"
    head = Request("HEAD", "https://r.example/u")
    assert follow_redirect(head, Response(303, {"Location": "/v"})).method == "HEAD"


def test_redirect_resolves_against_response_url() -> None:
    nxt = follow_redirect(_get(), Response(307, {"Location": "next"}, url="https://r.example/moved/here"))
    assert nxt.url == "https://r.example/moved/next"
    assert nxt.headers.get("Authorization") == "Bearer t"  # same origin as the request


def test_redirect_fragment_is_dropped() -> None:
    assert follow_redirect(_get(), Response(307, {"Location": "/x#frag"})).url == "https://r.example/x"
