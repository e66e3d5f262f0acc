#pragma once

#include "sigv4signer.h"

#include <QByteArray>

// The request exactly as received is what SigV4 verification needs, so the server hands out the signer's type.
using SimHttpRequest = SignableRequest;

// What the start of a connection's buffer holds: nothing complete yet, one whole request (and how many bytes it
// took: pipelined requests follow), or something the server must refuse and then close the connection over.
struct SimHttpParse {
    enum class Outcome { Incomplete, Complete, Malformed };
    Outcome outcome = Outcome::Incomplete;
    SimHttpRequest request; // Complete: method, target split into path and query, headers as sent, body
    qsizetype consumed = 0; // Complete: bytes of the buffer the request used; 0 otherwise
    bool keepAlive = true; // Complete: the client wants the connection kept after the answer
    bool expectsContinue = false; // Incomplete: headers read, no body byte yet, client waits for "100 Continue"
    int status = 0; // Malformed: the status to answer (400, 413, 431, 501)
    QByteArray reason; // Malformed: the plain-text body of that answer
};

// The pure part of the simulator's HTTP/1.1 server (simhttpserver.h), apart from the socket so that it can be
// fuzzed (tests/fuzz/fuzz_simhttp.cpp): request line, headers, Content-Length bodies. Chunked bodies are refused.
class SimHttpParser {
public:
    struct Limits {
        qsizetype maxHeaderBytes = qsizetype(16) * 1024; // request line and headers, blank line included → 431
        qsizetype maxBodyBytes = qsizetype(8) * 1024 * 1024; // by Content-Length, refused before it arrives → 413
    };

    // Looks only at the start of `buffer`; never more than maxHeaderBytes + maxBodyBytes of it are needed.
    static SimHttpParse parse(const QByteArray& buffer, const Limits& limits);
};
