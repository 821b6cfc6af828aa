/** Texts of the replies screens. */
export const replies = {
  reviewRepliesPage: {
    reviewReplies: 'Review replies',
    replyingToAnOnlineReview: 'Replying to an online review must not confirm that the reviewer is a patient or mention their care, even when they did. Paste your reply, in English or Spanish, to check it. Each reply you check is kept, encrypted, with the answer and your name, as the practice’s record that replies are reviewed.',
    yourReply: 'Your reply',
    theTextYouPlanTo: 'The text you plan to post under the review.',
    checkReply: 'Check reply',
    isThisReplySafeTo: 'Is this reply safe to post?',
    checkAReplyToSee: 'Check a reply to see the answer here.',
    safeToPostNothingIn: 'Safe to post: nothing in it confirms a patient or mentions care.',
    changeThisReplyBeforePosting: 'Change this reply before posting:',
    concern: 'concern',
    concerns: 'concerns',
    theReplyAsCheckedWith: 'The reply as checked, with each concern marked',
    theSafePattern: 'The safe pattern',
    thankTheReviewerStayGeneral: 'Thank the reviewer, stay general, and invite them to call. For example:',
    useThisReplyEnglish: 'Use this reply (English)',
    useThisReplySpanish: 'Use this reply (Spanish)',
  },
} as const;
