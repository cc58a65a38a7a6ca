FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin actorgraph

# Dependencies change less often than the code, but pyproject names the packages, so the
# project is installed in one step from the sources it needs.
COPY pyproject.toml README.md ./
COPY graph ./graph
COPY api ./api
RUN pip install . && rm -rf build *.egg-info

COPY samples ./samples

USER actorgraph
EXPOSE 8000
CMD ["actorgraph", "serve", "--host", "0.0.0.0"]
