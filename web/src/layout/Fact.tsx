import { DescriptionList } from '@amsterdam/design-system-react';
import type { ReactNode } from 'react';

/** One term of a description list and what it says (`testId` marks the description for the browser tests). */
export function Fact({ term, testId, children }: { term: string; testId?: string; children: ReactNode }) {
  return (
    <>
      <DescriptionList.Term>{term}</DescriptionList.Term>
      <DescriptionList.Description {...(testId ? { 'data-testid': testId } : {})}>
        {children}
      </DescriptionList.Description>
    </>
  );
}
