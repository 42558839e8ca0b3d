#!/usr/bin/env python3
"""Writes the committed seed corpus (fuzz/corpus/<target>/): bodies in the shapes of docs/protocol.md.

decode_models seeds are one selector byte (the model's index in src/models.rs MODELS) then the
body; they are named <Model>-<shape>. Run from anywhere: python3 fuzz/make_seeds.py
"""
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent / "corpus"
MODELS = ["Project", "Ontology", "Term", "RelationTerm", "User", "Storage", "UploadedFile",
          "AbstractImage", "AbstractSlice", "ImageInstance", "SliceInstance", "ImageServer",
          "Annotation", "AnnotationTerm", "UploadedImage", "ApiKeys", "Password", "CurrentUser",
          "Centroid", "ImageShape", "SlicePosition", "Timestamp",
          # Appended later (selectors 22 and up): the attached data, groups, social and roles.
          "AnnotationGroup", "AnnotationLink", "AttachedFile", "ImageGroup",
          "ImageGroupImageInstance", "Property", "Description", "Role", "UserRole",
          "AnnotationFilter", "Position", "AnnotationAction", "ProjectConnection",
          "ImageConsultation", "Tag", "TagDomainAssociation", "Track", "AnnotationTrack"]
# The command envelope's object key where it is not the lower-cased model name (docs/protocol.md §2.3).
KEYS = {"UserRole": "secusersecrole"}
BASE = {"id": 123, "created": "1690000000000", "updated": "1690000000001", "deleted": None}
OBJECTS = {
    "Project": {"class": "be.cytomine.domain.project.Project", "name": "My project", "ontology": 5,
                "ontologyName": "O", "blindMode": False, "areImagesDownloadable": True,
                "numberOfImages": 2, "numberOfAnnotations": 10, "isClosed": False,
                "isReadOnly": False, "isRestricted": False, "hideUsersLayers": False,
                "hideAdminsLayers": False, "currentUserRoles": {"admin": True, "representative": False}},
    "Ontology": {"class": "be.cytomine.domain.ontology.Ontology", "name": "O", "user": 1,
                 "children": [{"id": 7, "name": "Tumor"}]},
    "Term": {"class": "be.cytomine.domain.ontology.Term", "name": "Tumor", "ontology": 5,
             "color": "#FF0000", "comment": None, "parent": None},
    "RelationTerm": {"class": "be.cytomine.domain.ontology.RelationTerm", "relation": 3,
                     "term1": 7, "term2": 8},
    "User": {"class": "be.cytomine.domain.security.User", "username": "jdoe", "firstname": "Jane",
             "lastname": "Doe", "email": "j@example.org", "language": "ENGLISH",
             "isDeveloper": False, "origin": "SYSTEM", "publicKey": "0f1e2d3c-pub",
             "privateKey": "9a8b7c6d-5e4f-secret-key", "created": 1690000000000},
    "Storage": {"class": "be.cytomine.domain.image.server.Storage", "name": "jdoe storage", "user": 1},
    "UploadedFile": {"dataType": "UPLOADED_FILE", "originalFilename": "slide.tiff",
                     "filename": "1690000000000/slide.tiff", "ext": "tiff", "contentType": "image/tiff",
                     "size": 12345, "status": 100, "storage": 2, "user": 1, "projects": [3],
                     "created": "2024-01-01T00:00:00", "updated": "2024-01-01T00:00:00"},
    "AbstractImage": {"class": "be.cytomine.domain.image.AbstractImage", "originalFilename": "a.png",
                      "width": 512, "height": 256, "depth": 1, "duration": 1, "channels": 3,
                      "physicalSizeX": 0.25, "physicalSizeY": None, "magnification": 20,
                      "bitPerSample": 8, "samplePerPixel": 3, "uploadedFile": 9},
    "AbstractSlice": {"class": "be.cytomine.domain.image.AbstractSlice", "image": 10, "zStack": 0,
                      "time": 0, "channel": 0, "mime": "image/png", "uploadedFile": 9},
    "ImageInstance": {"class": "be.cytomine.domain.image.ImageInstance", "baseImage": 10,
                      "project": 3, "user": 1, "instanceFilename": "a.png", "width": 512,
                      "height": 256, "numberOfAnnotations": 0, "reviewed": False,
                      "thumb": "http://127.0.0.1:8080/api/imageinstance/11/thumb.png"},
    "SliceInstance": {"class": "be.cytomine.domain.image.SliceInstance", "image": 11,
                      "baseSlice": 12, "project": 3, "zStack": 0, "time": 0, "channel": 0},
    "ImageServer": {"class": "be.cytomine.domain.image.server.ImageServer", "name": "PIMS",
                    "url": "http://pims", "basePath": "/data", "available": True},
    "Annotation": {"class": "be.cytomine.domain.ontology.UserAnnotation", "slice": 12, "image": 11,
                   "project": 3, "user": 1, "location": "POLYGON ((0 0, 0 20, 20 20, 20 0, 0 0))",
                   "geometryCompression": 0.0, "centroid": {"x": 10.0, "y": 10.0}, "area": 400,
                   "areaUnit": "pixels²", "perimeter": "80.0", "perimeterUnit": "pixels",
                   "term": [7], "nbComments": 0, "reviewed": False,
                   "cropURL": "http://127.0.0.1:8080/api/userannotation/123/crop.png"},
    "AnnotationTerm": {"class": "be.cytomine.domain.ontology.AnnotationTerm",
                       "userannotation": 20, "term": 7, "user": 1},
    "AnnotationGroup": {"class": "be.cytomine.domain.ontology.AnnotationGroup", "project": 3,
                        "imageGroup": 30, "type": "SAME_OBJECT"},
    "AnnotationLink": {"class": "be.cytomine.domain.ontology.AnnotationLink",
                       "annotationClassName": "be.cytomine.domain.ontology.UserAnnotation",
                       "annotationIdent": 20, "group": 31, "image": 11},
    "AttachedFile": {"class": "be.cytomine.domain.meta.AttachedFile",
                     "domainClassName": "be.cytomine.domain.project.Project", "domainIdent": 3,
                     "filename": "notes.txt", "key": None, "url": "/api/attachedfile/123/download"},
    "ImageGroup": {"class": "be.cytomine.domain.image.group.ImageGroup", "name": "Stains",
                   "project": 3, "imageInstances": [{"id": 11, "instanceFilename": "a.png"}],
                   "numberOfImages": 1},
    "ImageGroupImageInstance": {"class": "be.cytomine.domain.image.group.ImageGroupImageInstance",
                                "group": 30, "image": 11, "groupName": "Stains"},
    "Property": {"class": "be.cytomine.domain.meta.Property",
                 "domainClassName": "be.cytomine.domain.ontology.UserAnnotation",
                 "domainIdent": 20, "key": "grade", "value": "2"},
    "Description": {"class": "be.cytomine.domain.meta.Description",
                    "domainClassName": "be.cytomine.domain.project.Project", "domainIdent": 3,
                    "data": "<p>Notes</p>"},
    "Role": {"class": "be.cytomine.domain.security.SecRole", "authority": "ROLE_USER"},
    "UserRole": {"class": "be.cytomine.domain.security.SecUserSecRole", "user": 1, "role": 2,
                 "authority": "ROLE_ADMIN"},
    "AnnotationFilter": {"class": "be.cytomine.domain.ontology.AnnotationFilter", "name": "Mine",
                         "project": 3, "users": [1, 4], "terms": [7]},
    "Position": {"class": "be.cytomine.domain.social.PersistentUserPosition", "user": 1,
                 "image": 11, "slice": 12, "project": 3, "broadcast": False,
                 "location": "POLYGON ((0 0, 0 100, 100 100, 100 0, 0 0))", "zoom": 2,
                 "rotation": 0.0, "x": 50.0, "y": 50.0},
    "AnnotationAction": {"class": "be.cytomine.domain.social.AnnotationAction", "user": 1,
                         "image": 11, "slice": 12, "project": 3,
                         "annotationClassName": "be.cytomine.domain.ontology.UserAnnotation",
                         "annotationIdent": 20, "annotationCreator": 1, "action": "select"},
    "ProjectConnection": {"class": "be.cytomine.domain.social.PersistentProjectConnection",
                          "user": 1, "project": 3, "time": 5000, "os": "Linux",
                          "browser": "firefox", "browserVersion": "120.0",
                          "countViewedImages": 2, "countCreatedAnnotations": 1},
    "ImageConsultation": {"class": "be.cytomine.domain.social.PersistentImageConsultation",
                          "user": 1, "image": 11, "project": 3, "imageName": "a.png",
                          "imageThumb": "http://127.0.0.1:8080/api/imageinstance/11/thumb.png",
                          "mode": "Explore", "projectConnection": 40, "time": 1200,
                          "countCreatedAnnotations": 0},
    "Tag": {"class": "be.cytomine.domain.meta.Tag", "name": "urgent", "user": 1,
            "creatorName": "admin"},
    "TagDomainAssociation": {"class": "be.cytomine.domain.meta.TagDomainAssociation",
                             "domainClassName": "be.cytomine.domain.project.Project",
                             "domainIdent": 3, "tag": 50, "tagName": "urgent"},
    "Track": {"class": "be.cytomine.domain.ontology.Track", "name": "Cell 1", "color": "#00FF00",
              "image": 11, "project": 3},
    "AnnotationTrack": {"class": "be.cytomine.domain.ontology.AnnotationTrack",
                        "annotationClassName": "be.cytomine.domain.ontology.UserAnnotation",
                        "annotationIdent": 20, "track": 60, "slice": 12},
}
PLAIN = {
    "UploadedImage": {"image": dict(BASE, **OBJECTS["AbstractImage"]),
                      "imageInstances": {"collection": [dict(BASE, **OBJECTS["ImageInstance"])]}},
    "ApiKeys": {"publicKey": "0f1e2d3c-pub", "privateKey": "9a8b7c6d-5e4f-secret-key"},
    "Password": "hunter2-correct-horse",
    "CurrentUser": {"id": 1, "username": "admin", "fullName": "Admin (admin)",
                    "publicKey": "0f1e2d3c-pub", "privateKey": "9a8b7c6d-5e4f-secret-key",
                    "created": "1690000000000"},
    "Centroid": {"x": 1.5, "y": 2},
    "ImageShape": {"width": 512, "height": 256, "depth": 1, "duration": 1, "channels": 3},
    "SlicePosition": {"zStack": 0, "time": 0, "channel": 0},
    "Timestamp": "2024-01-01T00:00:00",
}
ERRORS = [
    {"success": False, "errors": "Project p already exist!", "errorValues": {}},
    {"errors": {"message": "AbstractImage 5 not found"}, "errorValues": {}},
    {"type": "about:blank", "title": "Not Found", "status": 404,
     "detail": "Unable to find ontology with id: 5", "instance": "/api/ontology/5.json"},
]
HTML = (b"<!DOCTYPE html><html><head><title>Cytomine error 401</title></head><body>"
        b"<h1>Authorization required</h1><p>This page is not publicly available.</p></body></html>")


def write(target, name, data):
    d = ROOT / target
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_bytes(data)


def body(value):
    return json.dumps(value, ensure_ascii=False).encode()


def model_seeds():
    for i, model in enumerate(MODELS):
        sel = bytes([i])
        if model in OBJECTS:
            obj = dict(BASE, **OBJECTS[model])
            key = KEYS.get(model, model.lower())
            write("decode_models", f"{model}-object", sel + body(obj))
            write("decode_models", f"{model}-page", sel + body(
                {"collection": [obj, dict(obj, id=124)], "offset": 0, "perPage": 2, "size": 3,
                 "totalPages": 2}))
            write("decode_models", f"{model}-command", sel + body(
                {"message": f"{model} 123 added", "printMessage": True, "command": 456,
                 "callback": {"method": f"be.cytomine.Add{model}Command", f"{key}ID": "123"},
                 key: obj}))
            write("decode_models", f"{model}-repository", sel + body(
                {"printMessage": True, "data": obj, "commandId": "3f2a-uuid",
                 "command": f"be.cytomine.Edit{model}Command", "subCommands": []}))
        else:
            value = PLAIN[model]
            write("decode_models", f"{model}-object", sel + body(value))
            write("decode_models", f"{model}-page", sel + body(
                {"collection": [value], "offset": 0, "perPage": 1, "size": 1, "totalPages": 1}))
    for j, err in enumerate(ERRORS):
        write("decode_models", f"Project-error{j}", bytes([0]) + body(err))
    write("decode_models", "User-html", bytes([4]) + HTML)
    # The 2026 repository spellings of the ids (docs/protocol.md §2.7), read into the same fields.
    aliases = {"UserRole": {"id": 5, "userId": 1, "roleId": 2, "created": "2024-01-01T00:00:00",
                            "deleted": None, "dataType": "USER_ROLE"},
               "TagDomainAssociation": {"id": 6, "tagId": 50, "domainId": 3,
                                        "domainClassName": "be.cytomine.domain.project.Project",
                                        "created": "2024-01-01T00:00:00"}}
    for model, value in aliases.items():
        write("decode_models", f"{model}-aliases", bytes([MODELS.index(model)]) + body(value))
    write("decode_models", "Timestamp-number", bytes([21]) + b"1690000000000.5")
    # Regression: an ISO year this large overflowed the epoch arithmetic (found while fuzzing).
    write("decode_models", "Timestamp-regression-year-overflow",
          bytes([21]) + b'"922337203685477580-01-01T00:00:00"')


def envelope_seeds():
    # First byte: item count (low nibble) and status high bits; second: status low bits.
    batches = {
        "all-created": (3, {"data": {"message": "userannotations 11,12,13 added"}, "status": 200}),
        "partial": (3, {"data": {"success": False,
                                 "message": "Only part of the entries (userannotations 11,13",
                                 "errors": [{"data": {"i": 1}, "message": "Annotation location is not valid"}]},
                        "status": 206}),
        "none-saved": (2, {"data": {"success": False, "message": "No entry saved",
                                    "errors": [{"data": {"i": 0}, "message": "bad"},
                                               {"data": {"i": 1}, "message": "bad"}]}, "status": 400}),
        "count-mismatch": (2, {"data": {"message": "terms 5 added"}, "status": 200}),
    }
    for name, (count, value) in batches.items():
        write("envelopes", f"batch-{name}", bytes([count, 0]) + body(value))
    for j, err in enumerate(ERRORS):
        write("envelopes", f"error-{j}", bytes([0x10, 4]) + body(err))
    write("envelopes", "error-message", bytes([0, 0]) + body({"message": "Internal error"}))
    write("envelopes", "html-401", bytes([0, 1]) + HTML)
    write("envelopes", "html-500", bytes([0x60, 4]) + b"<html><title>Cytomine error 500</title></html>")
    write("envelopes", "secret-in-error", bytes([0, 0]) + body(
        {"errors": "bad key", "privateKey": "9a8b7c6d-5e4f-secret-key"}))


def http(method, target, headers=(), payload=b""):
    lines = [f"{method} {target} HTTP/1.1"] + [f"{k}: {v}" for k, v in headers]
    if payload:
        lines.append(f"Content-Length: {len(payload)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + payload


def json_req(method, target, value):
    return http(method, target, [("Content-Type", "application/json")], body(value))


def tiny_png(w=8, h=6):
    import struct, zlib
    def chunk(kind, data):
        c = kind + data
        return struct.pack(">I", len(data)) + c + struct.pack(">I", zlib.crc32(c) & 0xFFFFFFFF)
    raw = b"".join(b"\0" + bytes(v for x in range(w) for v in (x * 30 % 256, y * 40 % 256, 128))
                   for y in range(h))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def multipart(filename, content, content_type):
    return (b"--XyZ\r\nContent-Disposition: form-data; name=\"files[]\"; filename=\"" + filename.encode()
            + b"\"\r\nContent-Type: " + content_type.encode() + b"\r\n\r\n" + content + b"\r\n--XyZ--\r\n")


def request_seeds():
    # A fresh server: admin is user 6 (storage 7), alice user 10; ids then follow creation.
    ontology = json_req("POST", "/api/ontology.json", {"name": "Fuzz ontology"})  # 13
    project = json_req("POST", "/api/project.json", {"name": "Fuzz project", "ontology": 13})  # 15
    upload = http("POST", "/upload?idStorage=7&idProject=15&sync=true&keys=a,b&values=1,2",
                  [("Content-Type", "multipart/form-data; boundary=XyZ")],
                  multipart("tiny.png", tiny_png(), "image/png"))
    seeds = {
        "ping": http("GET", "/server/ping.json"),
        "current-user": http("GET", "/api/user/current.json"),
        "alice": http("GET", "/api/user/current.json", [("X-Fuzz-User", "alice")]),
        "bad-signature": http("GET", "/api/project.json", [
            ("Authorization", "CYTOMINE nobody:AAAA"), ("Date", "Thu, 26 Nov 2026 00:00:00 GMT"),
            ("Host", "127.0.0.1:8080")]),
        "anonymous-image": http("GET", "/api/abstractimage/5.json", [("Authorization", "Bearer x")]),
        "projects-paged": ontology + project + http("GET", "/api/project.json?max=1&offset=0&withMembersCount=True&sort=name&order=asc"),
        "repeated-param": http("GET", "/api/project.json?users=1&users=2"),
        "filters": ontology + project + http("GET", "/api/project.json?name[ilike]=*fuzz*&numberOfImages[lte]=10&ontology[in]=null,13"),
        "project-crud": ontology + project + http("GET", "/api/project/15.json")
            + json_req("PUT", "/api/project/15.json", {"id": 15, "name": "Renamed", "ontology": 13})
            + http("DELETE", "/api/project/15.json") + http("GET", "/api/project/15.json"),
        "ontology-terms": ontology + json_req("POST", "/api/term.json", [
            {"name": "A", "ontology": 13, "color": "#000000"}, {"name": "B", "ontology": 13, "color": "#FFFFFF"}])
            + http("GET", "/api/ontology/13/term.json"),
        "upload-image": ontology + project + upload + http("GET", "/api/project/15/imageinstance.json"),
        "annotations": ontology + project + upload + json_req("POST", "/api/annotation.json", [
            {"image": 20, "location": "POLYGON ((0 0, 0 4, 4 4, 4 0, 0 0))"},
            {"image": 20, "location": "not wkt"}])
            + http("GET", "/api/annotation.json?project=15&users=6_10&showWKT=true&reviewed=FALSE"),
        "review-layer": ontology + project + upload + json_req("POST", "/api/annotation.json", {
            "image": 20, "location": "POLYGON ((0 0, 0 4, 4 4, 4 0, 0 0))"})
            + http("PUT", "/api/imageinstance/20/review.json")
            + http("PUT", "/api/imageinstance/20/annotation/review.json?users=6,10&task=1")
            + http("DELETE", "/api/imageinstance/20/annotation/review.json?users=6")
            + json_req("POST", "/api/imageinstance/20/annotation/review.json", {"users": [6, "x"]}),
        "annotation-position": ontology + project + upload + json_req("POST", "/api/annotation.json", {
            "image": 20, "location": "POLYGON ((0 0, 0 4, 4 4, 4 0, 0 0))"})  # 26
            + json_req("POST", "/api/annotation/26/property.json", {"key": "k", "value": "v"})
            + http("GET", "/api/user/6/imageinstance/20/annotationposition.json?key=k&bbox=0,0,4,4,")
            + http("GET", "/api/user/6/imageinstance/20/annotationposition.json?key=k&bbox=POLYGON%20((0%200")
            + http("GET", "/api/user/10/imageinstance/20/annotationposition.json?key=&max=1"),
        "window": ontology + project + upload + http("GET", "/api/imageinstance/20/window-0-0-4-4.png?maxSize=2"),
        "unparsable-body": http("POST", "/api/project.json", [("Content-Type", "application/json")], b"{\"name\": "),
        "array-body": json_req("POST", "/api/project.json", [{"name": "x"}]),
        "wrong-method": http("PATCH", "/api/project.json"),
        "unknown-path": http("GET", "/api/nothing/here.json"),
        "admin-session": http("GET", "/session/admin/open.json") + http("GET", "/api/user.json?max=1"),
        "fault-control": json_req("POST", "/__emulator/faults", {"fault": "delay", "delayMs": 50000}),
        "upload-not-image": http("POST", "/upload?idStorage=7&projects=1,2",
                                 [("Content-Type", "multipart/form-data; boundary=XyZ")],
                                 multipart("../a.txt", b"not an image", "text/plain")),
        "no-crlf": b"GET /api/ontology.json HTTP/1.1\nX-Fuzz-User: alice\n\n",
    }
    for name, data in seeds.items():
        write("emulator_request", name, data)


def wkt_seeds():
    texts = {
        "point": "POINT (1 2)", "point-z": "POINT Z (1 2 3)", "point-empty": "POINT EMPTY",
        "line": "LINESTRING (0 0, 10 10.5)", "polygon": "polygon((0 0,0 20,20 20,20 0,0 0))",
        "polygon-hole": "POLYGON ((0 0, 0 10, 10 10, 10 0, 0 0), (2 2, 2 4, 4 4, 4 2, 2 2))",
        "multipoint": "MULTIPOINT ((1 1), (2.5 2))", "multipoint-bare": "multipoint(1 1,2.5 2)",
        "multiline": "MULTILINESTRING ((0 0, 1 1), (2 2, 3 3))",
        "multipolygon": "MULTIPOLYGON (((0 0, 0 1, 1 1, 0 0)), ((5 5, 5 6, 6 6, 5 5)))",
        "collection": "GEOMETRYCOLLECTION (POINT (1 2), LINESTRING (0 0, 1 1), GEOMETRYCOLLECTION EMPTY)",
        "exponent": "POINT (1e300 -2.5E-7)", "unclosed": "POLYGON ((0 0, 1 1, 2 2))",
        "zm": "LINESTRING ZM (0 0 1 2, 1 1 3 4)",
    }
    for name, text in texts.items():
        write("wkt", name, text.encode())


if __name__ == "__main__":
    model_seeds()
    envelope_seeds()
    request_seeds()
    wkt_seeds()
