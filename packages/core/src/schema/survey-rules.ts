// Cross-field rules of a survey that a per-field schema cannot express: unique ids, conditions
// that refer to earlier questions, jumps that go forward to a question or an ending. The zod schema
// (survey.ts) and the production guard (guard.ts) both run this code on a structurally valid survey.
import type { Condition, Survey } from '../model'
import { NPS_CATEGORIES } from './checks-body'

interface IssueSink {
  addIssue(issue: { code: 'custom'; message: string; path: PropertyKey[]; input?: unknown }): void
}

const NUMERIC_OPS = new Set(['gt', 'gte', 'lt', 'lte'])
const CATEGORIES = new Set<string>(NPS_CATEGORIES)

export function checkSurveyReferences(survey: Survey, ctx: IssueSink): void {
  const questionIndex = new Map<string, number>()
  survey.questions.forEach((question, index) => {
    if (questionIndex.has(question.id)) {
      ctx.addIssue({
        code: 'custom',
        message: `expected a unique question id, "${question.id}" is used twice`,
        path: ['questions', index, 'id'],
      })
    }
    if (!questionIndex.has(question.id)) questionIndex.set(question.id, index)
    if ('choices' in question) {
      const seen = new Set<string>()
      question.choices.forEach((choice, choiceIndex) => {
        if (seen.has(choice.id)) {
          ctx.addIssue({
            code: 'custom',
            message: `expected a unique choice id, "${choice.id}" is used twice`,
            path: ['questions', index, 'choices', choiceIndex, 'id'],
          })
        }
        seen.add(choice.id)
      })
    }
    if (
      question.type === 'text' &&
      question.minLength !== undefined &&
      question.maxLength !== undefined &&
      question.minLength > question.maxLength
    ) {
      ctx.addIssue({
        code: 'custom',
        message: `expected minLength ≤ maxLength (${question.maxLength})`,
        path: ['questions', index, 'minLength'],
      })
    }
  })
  const endingIds = new Set<string>()
  for (const [index, ending] of (survey.endings ?? []).entries()) {
    if (endingIds.has(ending.id) || questionIndex.has(ending.id) || ending.id === 'end') {
      ctx.addIssue({
        code: 'custom',
        message: `expected an ending id different from every question id, other ending and "end", "${ending.id}" is taken`,
        path: ['endings', index, 'id'],
      })
    }
    endingIds.add(ending.id)
  }

  const checkCondition = (condition: Condition, before: number, path: PropertyKey[]): void => {
    if ('all' in condition) {
      condition.all.forEach((c, i) => {
        checkCondition(c, before, [...path, 'all', i])
      })
      return
    }
    if ('any' in condition) {
      condition.any.forEach((c, i) => {
        checkCondition(c, before, [...path, 'any', i])
      })
      return
    }
    if ('not' in condition) {
      checkCondition(condition.not, before, [...path, 'not'])
      return
    }
    const target = questionIndex.get(condition.question)
    if (target === undefined || target >= before) {
      const which = before === Number.POSITIVE_INFINITY ? 'a question of this survey' : 'an earlier question'
      ctx.addIssue({
        code: 'custom',
        message: `expected ${which} id, got "${condition.question}"`,
        path: [...path, 'question'],
      })
      return
    }
    const needsValue = condition.op !== 'answered' && condition.op !== 'skipped'
    if (needsValue && condition.value === undefined) {
      ctx.addIssue({ code: 'custom', message: `expected a value for op "${condition.op}"`, path })
    } else if (NUMERIC_OPS.has(condition.op) && typeof condition.value !== 'number') {
      ctx.addIssue({ code: 'custom', message: `expected a number for op "${condition.op}"`, path: [...path, 'value'] })
    } else if (condition.op === 'npsCategory') {
      if (!CATEGORIES.has(String(condition.value))) {
        ctx.addIssue({ code: 'custom', message: 'expected detractor, passive or promoter', path: [...path, 'value'] })
      } else if (survey.questions[target]?.type !== 'nps') {
        ctx.addIssue({
          code: 'custom',
          message: `expected an nps question for op "npsCategory", "${condition.question}" is not one`,
          path: [...path, 'question'],
        })
      }
    }
  }

  survey.questions.forEach((question, index) => {
    if (question.showIf) checkCondition(question.showIf, index, ['questions', index, 'showIf'])
    question.jumps?.forEach((jump, jumpIndex) => {
      const path = ['questions', index, 'jumps', jumpIndex]
      checkCondition(jump.if, index + 1, [...path, 'if'])
      const target = questionIndex.get(jump.to)
      const forward = target !== undefined && target > index
      if (!forward && !endingIds.has(jump.to) && jump.to !== 'end') {
        ctx.addIssue({
          code: 'custom',
          message: `expected a later question id, an ending id or "end", got "${jump.to}"`,
          path: [...path, 'to'],
        })
      }
    })
  })
  survey.endings?.forEach((ending, index) => {
    if (ending.if) checkCondition(ending.if, Number.POSITIVE_INFINITY, ['endings', index, 'if'])
  })
  if (survey.startsAt && survey.endsAt && Date.parse(survey.startsAt) > Date.parse(survey.endsAt)) {
    ctx.addIssue({ code: 'custom', message: `expected endsAt after startsAt (${survey.startsAt})`, path: ['endsAt'] })
  }
}
