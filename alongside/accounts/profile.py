"""What the public see of a coordinator on their area's page: a photo and a few words, each
only if they choose. A photo is kept as a small JPEG made afresh from the upload (so nothing
else in the file, such as where it was taken, is ever kept or served)."""

import io

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from PIL import Image, ImageOps, UnidentifiedImageError

from .models import User

LARGEST_UPLOAD = 10 * 1024 * 1024
SIDE = 320  # pixels: the photo is cropped square to this size

NOT_A_PHOTO = "The file must be a photo (a JPG, PNG or WebP picture)"
TOO_LARGE = "The photo must be smaller than 10 MB"
TOO_SMALL = "The photo must be at least 100 pixels wide and high, so that your face can be seen"


def photo_from_upload(upload: UploadedFile) -> bytes:
    """The upload as the square JPEG we keep; ``ValueError`` with what is wrong."""
    if upload.size is not None and upload.size > LARGEST_UPLOAD:
        raise ValueError(TOO_LARGE)
    try:
        with Image.open(upload) as image:
            if image.format not in ("JPEG", "PNG", "WEBP", "MPO"):
                raise ValueError(NOT_A_PHOTO)
            image.load()
            upright = ImageOps.exif_transpose(image)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        raise ValueError(NOT_A_PHOTO) from None
    if min(upright.size) < 100:
        raise ValueError(TOO_SMALL)
    square = ImageOps.fit(upright.convert("RGB"), (SIDE, SIDE))
    out = io.BytesIO()
    square.save(out, format="JPEG", quality=85, optimize=True)
    return out.getvalue()


def public_profile_set(
    *, user: User, about: str, photo: UploadedFile | None = None, remove_photo: bool = False
) -> User:
    """Change what the public see of ``user``: a new photo, no photo, and the few words."""
    kept = photo_from_upload(photo) if photo is not None else None
    with transaction.atomic():
        changes: dict = {"public_about": about.strip()}
        if kept is not None:
            changes["public_photo"] = kept
        elif remove_photo:
            changes["public_photo"] = b""
        User.objects.filter(pk=user.pk).update(**changes)
    user.refresh_from_db()
    return user
