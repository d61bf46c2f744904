"""Properties of oci_core.http: arbitrary text gives a value or an OCIError, and credentials keep their origin."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from oci_core.errors import OCIError
from oci_core.http import Headers, Request, Response, follow_redirect, origin, resolve_url
from oci_core.strategies import header_names, header_values, urls

URL_TEXT = st.one_of(
    st.text(max_size=60),
    urls(),
    st.builds(
        lambda scheme, host, port, path: f"{scheme}://{host}{port}{path}",
        st.sampled_from(["http", "https", "HTTPS", "ftp", ""]),
        st.sampled_from(["r.example", "cdn.example", "R.Example", "127.0.0.1", "[::1]", "u:p@r.example", ""]),
        st.sampled_from(["", ":443", ":80", ":5000", ":0", ":x"]),
        st.text(alphabet="/?#=&.%:@ab\r\n ", max_size=12),
    ),
)
LOCATION = st.one_of(URL_TEXT, st.text(alphabet="/.?#abc:@", max_size=20))


@given(st.text(max_size=40) | header_names(), st.text(max_size=80) | header_values())
def test_any_header_field_gives_headers_or_an_oci_error(name: str, value: str) -> None:
    try:
        h = Headers([(name, value)])
    except OCIError:
        return
    (got_name, got_value), = h
    assert not any(c in got_value for c in "\r\n\x00")
    assert h.get(name) == value and got_name == name


@given(URL_TEXT)
def test_any_url_gives_an_origin_or_an_oci_error(url: str) -> None:
    try:
        found = origin(url)
    except OCIError:
        return
    assert found.scheme in ("http", "https") and found.host and 0 < found.port < 65536


@given(URL_TEXT, LOCATION)
def test_resolve_gives_a_url_or_an_oci_error(base: str, reference: str) -> None:
    try:
        resolved = resolve_url(base, reference)
    except OCIError:
        return
    origin(resolved)  # always an acceptable URL


@given(
    st.sampled_from(["https://r.example/v2/x", "http://localhost:5000/v2/x", "https://r.example:5000/v2/"]),
    st.lists(st.tuples(st.sampled_from([301, 302, 303, 307, 308]), LOCATION), max_size=14),
)
def test_authorization_never_reaches_another_origin(start: str, hops: list[tuple[int, str]]) -> None:
    request = Request("GET", start, {"Authorization": "Bearer secret", "Accept": "a/b"})
    home = origin(start)
    for status, location in hops:
        try:
            request = follow_redirect(request, Response(status, {"Location": location}))
        except OCIError:
            break
        if "Authorization" in request.headers:
            assert origin(request.url) == home
        assert request.headers.get("Accept") == "a/b"
        assert request.redirects <= 10
