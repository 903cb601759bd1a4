"""The interface every judge implementation offers."""

from __future__ import annotations

import asyncio
from abc import ABC, abstractmethod
from collections.abc import Sequence

from antischeme.judges.schema import CLASSIFIERS, ClassifierName, JudgeInput, JudgeResult


class Judge(ABC):
    """Classifies reasoning for one of the CLASSIFIERS; never raises on bad model output."""

    implementation: str

    @abstractmethod
    async def classify(self, classifier: ClassifierName, item: JudgeInput) -> JudgeResult:
        """Judge one input for one classifier."""

    async def classify_many(
        self,
        items: Sequence[JudgeInput],
        classifiers: Sequence[ClassifierName] = CLASSIFIERS,
        concurrency: int = 4,
    ) -> list[dict[ClassifierName, JudgeResult]]:
        """Every classifier over every item, at most ``concurrency`` calls at a time; results in input order."""
        gate = asyncio.Semaphore(max(1, concurrency))

        async def one(item: JudgeInput, clf: ClassifierName) -> JudgeResult:
            async with gate:
                return await self.classify(clf, item)

        flat = await asyncio.gather(*(one(item, clf) for item in items for clf in classifiers))
        k = len(classifiers)
        return [dict(zip(classifiers, flat[i * k:(i + 1) * k], strict=True)) for i in range(len(items))]
