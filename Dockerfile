FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY api api
COPY graph graph
COPY importers importers
COPY queries queries
RUN pip install --no-cache-dir .
EXPOSE 8000
# Seeds the demo graph (idempotent), then serves GraphQL.
CMD ["sh", "-c", "credgraph seed demo && credgraph serve"]
